import { describe, expect, it } from "vitest";
import { ALARM_GUNS, REFERENCE_MODELS, categorize, findReferenceModelById, matchMarkings, normaliseMarkings, referenceModelId } from "../src/index.ts";

describe("normaliseMarkings", () => {
  it.each([
    ["  zoraki   925\n9mm  p.a.k ", "ZORAKI 925 9MM P.A.K"],
    ["Modèle 1892", "MODELE 1892"],
    ["\t\n ", ""],
    ["GL0CK 17", "GL0CK 17"], // the characters as read: folding is for matching only
    ["ZORAKI918CAL 9mm P.A.K", "ZORAKI 918 CAL 9MM P.A.K"], // spaces OCR dropped between words and numbers
    ["MR73 P226 AUSTRIA9X19", "MR73 P226 AUSTRIA9X19"], // model names keep their shape
    ["BLOWC75 9mm", "BLOW C75 9MM"], // a maker's name glued to its model
    ["MANURHINMR73", "MANURHIN MR73"],
    ["BLOWC759mmP.A.K", "BLOW C75 9MMP.A.K"], // model number glued to the calibre
    ["10mm AUTO", "10MM AUTO"],
  ])("%j → %j", (text, expected) => {
    expect(normaliseMarkings(text)).toBe(expected);
  });
});

describe("matchMarkings: reference alarm guns (category C)", () => {
  it.each([
    ["ZORAKI 918 CAL 9mm P.A.K", "zoraki-918", "pistolet_semi_auto_moderne"],
    // spaces dropped by the OCR
    ["ZORAKI918CAL9mmP.A.K", "zoraki-918", "pistolet_semi_auto_moderne"],
    // one OCR error on the brand word, I/l/1 and O/0 confusions
    ["ZORAXI 925 9mm P.A.K", "zoraki-925", "pistolet_semi_auto_moderne"],
    ["ZORAKl 925", "zoraki-925", "pistolet_semi_auto_moderne"],
    ["Z0RAKI 9O6", "zoraki-906", "pistolet_semi_auto_moderne"],
    // an I read as 1 and glued to the model number
    ["ZORAK1918 CAL 9mm", "zoraki-918", "pistolet_semi_auto_moderne"],
    ["KIMAR COMPETITlVE ALARM", "kimar-competitive-alarm", "revolver"],
    ["zoraki r2 cal 9mm r.k.", "zoraki-r2", "revolver"],
    ["BLOW F92 AUTO", "blow-f92-auto", "pistolet_semi_auto_moderne"],
    // the space between the brand and a model that starts with a letter, dropped by the OCR
    ["BLOWC75 9mm P.A.K", "blow-c75", "pistolet_semi_auto_moderne"],
    ["KIMARCOMPETITIVE ALARM", "kimar-competitive-alarm", "revolver"],
    ["BLOWC759mmP.A.K", "blow-c75", "pistolet_semi_auto_moderne"],
    ["ZORAKI9189mm P.A.K", "zoraki-918", "pistolet_semi_auto_moderne"],
  ])("%j → %s", (text, id, typology) => {
    const { match } = matchMarkings(text);
    expect(match.kind).toBe("alarm");
    if (match.kind !== "alarm") return;
    expect(match.alarmGun.id).toBe(id);
    expect(match.typology).toBe(typology);
    expect(match.score).toBeGreaterThan(0.8);
    expect(match.score).toBeLessThanOrEqual(1);
  });

  it("scores an exact reading 1 and a forgiven OCR error below 1", () => {
    const exact = matchMarkings("ZORAKI 925").match;
    const forgiven = matchMarkings("ZORAXI 925").match;
    expect(exact.kind === "alarm" && exact.score).toBe(1);
    expect(forgiven.kind === "alarm" && forgiven.score).toBeLessThan(1);
  });

  it("every reference alarm gun is found from its own name, before the catalogue's copy of it", () => {
    for (const gun of ALARM_GUNS) {
      const { match } = matchMarkings(`${gun.brand} ${gun.model}`);
      expect(match.kind, gun.id).toBe("alarm");
      expect(match.kind === "alarm" && match.alarmGun.id).toBe(gun.id);
    }
  });

  it("an alarm-gun match gives category C with its explanation", () => {
    const { match } = matchMarkings("ZORAKI 918 CAL 9mm P.A.K");
    if (match.kind !== "alarm") throw new Error("expected an alarm gun");
    const category = categorize(match.typology, { alarmGunModel: match.alarmGun.id });
    expect(category.letters).toEqual(["C"]);
    expect(category.alarmGunId).toBe("zoraki-918");
    expect(category.conditions.map((condition) => condition.key)).toEqual(["alarm_gun_conversion"]);
  });
});

describe("matchMarkings: reference catalogue", () => {
  it.each([
    ["GLOCK 17 AUSTRIA", "glock|17", "pistolet_semi_auto_moderne", "9x19"],
    ["GL0CK 19", "glock|19", "pistolet_semi_auto_moderne", "9x19"],
    ["SIG SAUER P226", "sig sauer|p226", "pistolet_semi_auto_moderne", "9x19"],
    ["REMINGTON 870 EXPRESS MAGNUM", "remington|870", "epaule_a_pompe", null],
    ["MOSSBERG 5OO", "mossberg|500", "epaule_a_pompe", null],
    ["MANURHIN MR 73", "manurhin|mr73", "revolver", null],
    ["MANURHINMR73", "manurhin|mr73", "revolver", null],
    ["S&W 686", "smith & wesson|model 686", "revolver", null],
    ["WINCHESTER MODEL 1873", "winchester|model 1873", "epaule_a_levier_sous_garde", null],
    ["BENELLI NOVA", "benelli|nova", "epaule_a_pompe", null],
    ["REMINGTN 700", "remington|700", "epaule_a_verrou", null],
  ])("%j → %s", (text, id, typology, calibres) => {
    const { match } = matchMarkings(text);
    expect(match.kind).toBe("catalogue");
    if (match.kind !== "catalogue") return;
    expect(referenceModelId(match.reference)).toBe(id);
    expect(match.typology).toBe(typology);
    if (calibres) expect(match.calibres).toBe(calibres);
    expect(findReferenceModelById(id)).toBe(match.reference);
  });

  it("the more specific pattern wins (BENELLI NOVA over BENELLI)", () => {
    const { match } = matchMarkings("BENELLI NOVA");
    expect(match.kind === "catalogue" && match.reference.model).toBe("Nova");
  });

  it("ids are unique across the catalogue", () => {
    expect(new Set(REFERENCE_MODELS.map(referenceModelId)).size).toBe(REFERENCE_MODELS.length);
  });
});

describe("matchMarkings: nothing recognised", () => {
  it.each([
    ["", "nothing read"],
    [" . - ", "punctuation only"],
    ["9mm P.A.K.", "a PAK marking alone"],
    ["ZORAKI 917 CAL 9mm P.A.K", "a Zoraki model not on the reference list"],
    ["ZORAKI 9250", "a number inside a longer number"],
    ["ZORAKI 9250mm", "a number inside a longer number, before mm"],
    ["CAL 12 MADE IN ITALY", "calibre and origin only"],
    ["TT", "two characters"],
    ["ZQRAXI 925", "two OCR errors on the brand"],
  ])("%j (%s) → none", (text) => {
    expect(matchMarkings(text).match).toEqual({ kind: "none" });
  });

  it("keeps the normalised text when nothing matches", () => {
    expect(matchMarkings("zoraki 917  cal 9mm").normalised).toBe("ZORAKI 917 CAL 9MM");
  });
});
