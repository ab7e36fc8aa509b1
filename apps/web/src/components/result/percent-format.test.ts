import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatPercent, formatProbability } from "@basegun/domain";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

// The officer's case page writes every probability through the domain's formatProbability (formatPercent's
// rounding, never "100 %"), like every other screen.
const folder = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(folder)
  .filter((name) => name.endsWith(".tsx"))
  .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") }));

describe("percentages on the case page", () => {
  it.each(sources.map((s) => [s.name, s.text]))("%s computes no percentage of a probability by hand", (_name, text) => {
    expect(text).not.toMatch(/(probability|confidence)\s*\*\s*100/);
  });

  it("the files that show a probability use formatProbability", () => {
    for (const name of ["verdict.tsx", "identification-result-view.tsx"]) {
      expect(sources.find((s) => s.name === name)?.text).toMatch(/formatProbability\(/);
      expect(sources.find((s) => s.name === name)?.text).not.toMatch(/formatPercent\(/);
    }
  });

  it("the explanation receives the formatted figure, its % sign included (no second sign)", () => {
    for (const messages of [fr, en]) {
      const text = messages.result.percentExplained.replace("{percent}", formatPercent(0.979, "fr"));
      expect(text.match(/%/g)).toHaveLength(1);
    }
    expect(fr.result.percentExplained.replace("{percent}", formatPercent(0.979, "fr"))).toMatch(/^97,9\u00a0% : /);
    // a medium answer at 0.9996 does not tell the officer the model is certain
    expect(fr.result.percentExplained.replace("{percent}", formatProbability(0.9996, "fr"))).toMatch(/^> 99,9\u00a0% : probabilité/);
  });
});
