import { describe, expect, it } from "vitest";
import { ALARM_GUNS, findAlarmGun, matchAlarmGun } from "../src/index.ts";

describe("reference alarm guns", () => {
  it("lists 13 models, 3 of them revolvers", () => {
    expect(ALARM_GUNS).toHaveLength(13);
    expect(ALARM_GUNS.filter((gun) => gun.kind === "revolver").map((gun) => gun.id)).toEqual([
      "zoraki-r2",
      "kimar-competitive-alarm",
      "kimar-power-alarm",
    ]);
    expect(new Set(ALARM_GUNS.map((gun) => gun.id)).size).toBe(13);
  });
});

describe("matchAlarmGun", () => {
  it.each([
    ["ZORAKI 925", "zoraki-925"],
    ["Zoraki R2 cal. 9mm R.K.", "zoraki-r2"],
    ["ZORAKI 906", "zoraki-906"],
    ["ZORAKI 2906", "zoraki-2906"],
    ["ZORAKI 918", "zoraki-918"],
    ["KIMAR 911", "kimar-911"],
    ["KIMAR 75 AUTO", "kimar-75-auto"],
    ["KIMAR 92 AUTO", "kimar-92-auto"],
    ["KIMAR COMPETITIVE ALARM", "kimar-competitive-alarm"],
    ["KIMAR POWER ALARM", "kimar-power-alarm"],
    ["BLOW F92", "blow-f92"],
    ["BLOW F92 AUTO", "blow-f92-auto"],
    ["BLOW C75", "blow-c75"],
    // OCR confusions and whitespace.
    ["Z0RAKI 925", "zoraki-925"],
    ["ZORAK1 925", "zoraki-925"],
    ["ZORAKl 925", "zoraki-925"],
    ["ZORAXI 925", "zoraki-925"],
    ["ZORKI 925", "zoraki-925"],
    ["ZORA KI 925", "zoraki-925"],
    ["zoraki\n9 25", "zoraki-925"],
    ["ZORAKI MOD. 92S 9mm P.A.K.", "zoraki-925"],
    ["ZORAKI 9O6", "zoraki-906"],
    ["ZORAKI 29O6", "zoraki-2906"],
    ["K1MAR 9ll", "kimar-911"],
    ["KIMAR 75 AUT0", "kimar-75-auto"],
    ["KIMAR COMPETITlVE", "kimar-competitive-alarm"],
    ["BL0W C 75", "blow-c75"],
    ["BLOW  F92   AUTO", "blow-f92-auto"],
    ["blow f92 auto", "blow-f92-auto"],
  ])("%j → %s", (markings, id) => {
    expect(matchAlarmGun(markings)?.id).toBe(id);
  });

  it.each([
    ["", "empty"],
    ["9mm P.A.K.", "a PAK marking alone"],
    ["PAK KNALL", "PAK and knall without a model"],
    ["ZORAKI", "brand without model"],
    ["925", "model without brand"],
    ["ZORAKI 914", "model not on the list"],
    ["ZORAKI 9250", "number inside a longer number"],
    ["ZQRAXI 925", "two OCR errors on the brand"],
    ["KIMAR 75", "missing AUTO"],
    ["GLOCK 17 AUSTRIA", "a firearm marking"],
    ["BLOW F92 ZORAKI 925", "two equally specific models"],
    ["KIMAR 925", "model of another brand"],
  ])("%j → null (%s)", (markings) => {
    expect(matchAlarmGun(markings)).toBeNull();
  });
});

describe("findAlarmGun", () => {
  it.each([
    ["zoraki-925", "zoraki-925"],
    ["Zoraki 925", "zoraki-925"],
    ["  KIMAR   75 auto ", "kimar-75-auto"],
    ["Kimar Competitive Alarm", "kimar-competitive-alarm"],
  ])("%j → %s", (name, id) => {
    expect(findAlarmGun(name)?.id).toBe(id);
  });

  it.each([["Zoraki 999"], ["PAK"], [""]])("%j → null", (name) => {
    expect(findAlarmGun(name)).toBeNull();
  });
});
