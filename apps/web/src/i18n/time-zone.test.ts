import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE, timeZoneFrom } from "./time-zone";

describe("timeZoneFrom", () => {
  it.each([
    ["Indian/Reunion", "Indian/Reunion"],
    ["America/Guadeloupe", "America/Guadeloupe"],
    ["Pacific/Noumea", "Pacific/Noumea"],
    ["Europe/Paris", "Europe/Paris"],
    ["UTC", "UTC"],
  ])("keeps a zone the runtime knows: %s", (value, zone) => {
    expect(timeZoneFrom(value)).toBe(zone);
  });

  it.each([[undefined], [null], [""], ["Mars/Olympus_Mons"], ["Europe/Paris; Path=/"], ["<script>"], ["a".repeat(80)]])(
    "falls back to Paris for %s",
    (value) => {
      expect(timeZoneFrom(value)).toBe(DEFAULT_TIME_ZONE);
    },
  );
});
