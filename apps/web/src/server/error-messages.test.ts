import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-messages";

// The message keys the API's services raise (ServiceError.messageKey); each needs a French text.
const SERVICE_MESSAGE_KEYS = [
  "photoMissing",
  "photoEmpty",
  "photoTooLarge",
  "photoUnsupportedType",
  "photoCorrupt",
  "photoTooManyPixels",
  "photoTooSmall",
  "tooManyPhotos",
  "notFound",
  "forbidden",
  "retryNotFailed",
];

describe("errorMessage", () => {
  it.each(SERVICE_MESSAGE_KEYS)("has a French text of its own for %s", (key) => {
    expect(errorMessage(key)).not.toBe(errorMessage("generic"));
    expect(errorMessage(key, "en")).not.toBe(errorMessage(key, "fr"));
  });

  it("speaks French by default and says what is wrong with the photo", () => {
    expect(errorMessage("photoTooLarge")).toBe("Photo trop volumineuse (15 Mo au maximum).");
  });

  it.each([["noSuchKey"], [undefined], [null], ["toString"], ["__proto__"]])("falls back to the generic message for %j", (key) => {
    expect(errorMessage(key)).toBe("Une erreur est survenue. Réessayez.");
  });
});
