import { describe, expect, it } from "vitest";
import { batchForm, isRetriable } from "./send";

describe("isRetriable: whether sending the same batch again can succeed", () => {
  it.each([
    [0, true], // no answer at all
    [401, true], // session expired: the officer signs in again, the batch waits
    [408, true],
    [429, true], // rate limited: later
    [500, true],
    [503, true],
    [400, false], // not a photo, missing photo
    [403, false],
    [413, false], // too large: too large again
    [415, false],
    [422, false], // the key was used for another batch
  ])("%i → %s", (status, expected) => {
    expect(isRetriable(status)).toBe(expected);
  });
});

describe("batchForm", () => {
  it("sends the photos in order, the locale and a trimmed procedure number, as the upload route reads them", () => {
    const form = batchForm({ photos: [new Blob(["a"]), new Blob(["b"])], procedureNumber: "  PV-1 ", locale: "en" });
    expect(form.getAll("photos").map((file) => (file as File).name)).toEqual(["photo-1.jpg", "photo-2.jpg"]);
    expect(form.get("locale")).toBe("en");
    expect(form.get("procedureNumber")).toBe("PV-1");
  });

  it("leaves out an empty procedure number", () => {
    expect(batchForm({ photos: [new Blob(["a"])], procedureNumber: "  ", locale: "fr" }).has("procedureNumber")).toBe(false);
  });
});
