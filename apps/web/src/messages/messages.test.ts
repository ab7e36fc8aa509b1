import { describe, expect, it } from "vitest";
import en from "./en.json";
import fr from "./fr.json";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]!).sort();
}

describe("messages", () => {
  it("English has exactly the French keys (no screen falls back to a raw key)", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it("each translation uses the same placeholders as the French text", () => {
    const lookup = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    for (const key of keysOf(fr)) {
      expect(placeholdersOf(String(lookup(en, key))), key).toEqual(placeholdersOf(String(lookup(fr, key))));
    }
  });

  it("no French text is left empty", () => {
    const lookup = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr);
    expect(keysOf(fr).filter((key) => String(lookup(key)).trim() === "")).toEqual([]);
  });
});
