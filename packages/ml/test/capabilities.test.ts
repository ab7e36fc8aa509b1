import { describe, expect, it } from "vitest";
import { capabilitiesOf, lostCapabilities, noFirearmLossMessage } from "../src/capabilities.ts";

const manifest = (threshold: number | undefined, trainedTypologies: string[] = ["revolver"]) => ({ ...(threshold === undefined ? {} : { noFirearm: { threshold } }), trainedTypologies });

describe("capabilities: what a model can answer", () => {
  it.each([
    [0.9034, true],
    [0.9967, true],
    [0.9999, false],
    [1, false],
    [undefined, false],
    [Number.NaN, false],
  ])("no-firearm threshold %s → can answer 'pas une arme': %s", (threshold, can) => {
    expect(capabilitiesOf(manifest(threshold)).noFirearm).toBe(can);
  });

  it("a candidate that cannot answer 'pas une arme' where production can has lost it; typologies lost are listed", () => {
    const production = capabilitiesOf(manifest(0.98, ["revolver", "epaule_a_pompe"]));
    expect(lostCapabilities(production, capabilitiesOf(manifest(1, ["revolver"])))).toEqual({ noFirearm: true, typologies: ["epaule_a_pompe"] });
    expect(lostCapabilities(production, capabilitiesOf(manifest(0.95, ["revolver", "epaule_a_pompe", "autre_pistolet"])))).toEqual({ noFirearm: false, typologies: [] });
    // production that never could: nothing is lost
    expect(lostCapabilities(capabilitiesOf(manifest(1)), capabilitiesOf(manifest(1))).noFirearm).toBe(false);
  });

  it("says why in French", () => {
    expect(noFirearmLossMessage(capabilitiesOf(manifest(1)), 0)).toBe(
      "Le modèle candidat ne pourrait jamais répondre « pas une arme » (seuil 1,0000) : la version du jeu de données ne contient aucune photo sans arme, alors que la production sait le faire. Ajoutez des photos sans arme au jeu de données, figez une nouvelle version et relancez l'entraînement.",
    );
  });
});
