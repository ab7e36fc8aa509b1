import { UPLOAD_LIMITS } from "@basegun/storage";
import { z } from "zod";
import { identificationAccepted, identificationStatus, officerChoiceRequest, problemSchema } from "./schemas.ts";

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** OpenAPI 3.1 document of the public API, with component schemas generated from the zod schemas. */
export function buildOpenApiDocument() {
  // The schemas carry `.meta({ id })`, so zod emits each once under $defs; OpenAPI wants them under
  // components/schemas, so the references are rewritten to point there.
  const generated = z.toJSONSchema(z.object({ a: identificationAccepted, b: identificationStatus, c: problemSchema, d: officerChoiceRequest }));
  const schemas = JSON.parse(JSON.stringify(generated.$defs ?? {}).replaceAll("#/$defs/", "#/components/schemas/")) as Record<string, unknown>;
  return {
    openapi: "3.1.0",
    info: {
      title: "Basegun service API",
      version: "1.0.0",
      description:
        "Firearm identification for other police systems. Results are of intelligence value only and must be confirmed by a scientific or technical examination.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "API key created with `pnpm api-key:create <email>`" } },
      schemas,
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/identifications": {
        post: {
          operationId: "createIdentification",
          summary: "Submit photos of one weapon for identification",
          description:
            "Answers 202 at once by default: get the result at `statusUrl`. With `Prefer: wait=N` (RFC 7240) it waits up to N seconds (at most 30) for the identification to finish and then answers 201 with the finished identification (done or failed), so a client needs one request in all; if it has not finished by then, 202 as without the header. `Preference-Applied` echoes the wait applied. Send an `Idempotency-Key` (one per photo batch, a UUID say) to retry safely: a retry of the same batch, even one sent while the first is still being stored, answers with the identification the first send created (`Idempotent-Replayed: true`), never a second one; the same key with other photos or fields is refused with 422.",
          parameters: [
            { name: "Prefer", in: "header", required: false, schema: { type: "string", example: "wait=20" }, description: "`wait=N`: wait up to N seconds (capped at 30) for the finished identification" },
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", minLength: 8, maxLength: 255, pattern: "^[\\x21-\\x7e]+$", example: "0b6f7a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b" },
              description: "One key per photo batch, kept with the identification (per API key's user, without expiry): the same batch sent again with it returns the identification already created instead of a new one",
            },
          ],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["photos"],
                  properties: {
                    photos: {
                      type: "array",
                      items: { type: "string", format: "binary" },
                      minItems: 1,
                      maxItems: UPLOAD_LIMITS.maxPhotosPerCase,
                      description: `JPEG, PNG or WebP, checked by content; at most ${UPLOAD_LIMITS.maxBytesPerPhoto / 1024 / 1024} MiB and ${UPLOAD_LIMITS.maxPixels / 1e6} megapixels each`,
                    },
                    procedureNumber: { type: "string", maxLength: 64 },
                    urgency: { type: "string", enum: ["normal", "urgent"] },
                  },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "With `Prefer: wait`: the identification, finished (done or failed) within the wait; `Location` gives its status URL",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Identification" } } },
            },
            "202": { description: "Accepted: get the result at statusUrl (also in `Location`)", content: { "application/json": { schema: { $ref: "#/components/schemas/IdentificationAccepted" } } } },
            "400": problemResponse("Missing, damaged or too many photos, an invalid field, or a malformed `Idempotency-Key` (`idempotencyKeyInvalid`)"),
            "401": problemResponse("Missing, unknown or revoked API key"),
            "413": problemResponse("Photo or request too large"),
            "415": problemResponse("Not multipart, or a file that is not a JPEG, PNG or WebP image"),
            "422": problemResponse("`Idempotency-Key` already used by this user for other photos or fields (`code`: `idempotencyKeyReused`; `details.caseId` names the identification it created)"),
            "429": problemResponse("Too many uploads for this key's user in the last minute (`API_UPLOAD_RATE_LIMIT_PER_MINUTE`, 600 by default): `Retry-After` gives the seconds to wait"),
          },
        },
      },
      "/api/v1/identifications/{id}": {
        get: {
          operationId: "getIdentification",
          summary: "Status and result of an identification",
          description:
            "Answers at once by default. With `Prefer: wait=N` (RFC 7240) the answer comes as soon as the identification is done or failed, or after N seconds (at most 30), so a client needs no polling loop; `Preference-Applied` echoes the wait applied. Send an `Idempotency-Key` (one per photo batch, a UUID say) to retry safely: a retry of the same batch, even one sent while the first is still being stored, answers with the identification the first send created (`Idempotent-Replayed: true`), never a second one; the same key with other photos or fields is refused with 422.",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "Prefer", in: "header", required: false, schema: { type: "string", example: "wait=20" }, description: "`wait=N`: wait up to N seconds (capped at 30) for a final status" },
          ],
          responses: {
            "200": { description: "The identification", content: { "application/json": { schema: { $ref: "#/components/schemas/Identification" } } } },
            "401": problemResponse("Missing, unknown or revoked API key"),
            "404": problemResponse("Unknown id, or an identification of another user"),
          },
        },
        patch: {
          operationId: "setOfficerChoice",
          summary: "The officer's own identification: a typology and/or the visual key's answers",
          description:
            "What the officer says the weapon is, as the web app's «Quelle arme avez-vous ?» stores it: a typology of the catalogue, the answers of the visual identification key (one question at a time, `unknown` for «je ne sais pas» at any question), or both. The key answers are walked through the key: they must follow it and reach its end (a typology, a family or undetermined). The answer carries `officerChoice` with the category computed from the officer's typology, marked `source: officer` (never the model's answer). The case goes to an expert with the reason `officer_identified`; the officer's typology becomes a labelled example only once an expert confirms it. Sending it again replaces the previous choice and sends the case to an expert again.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/OfficerChoiceRequest" },
                examples: {
                  card: { summary: "a candidate card", value: { typology: "pistolet_semi_auto_moderne" } },
                  key: { summary: "the visual key", value: { keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "slide" }] } },
                  family: { summary: "the key ending on a family («je ne sais pas»)", value: { keyAnswers: [{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: "unknown" }] } },
                },
              },
            },
          },
          responses: {
            "200": { description: "The identification with the officer's choice", content: { "application/json": { schema: { $ref: "#/components/schemas/Identification" } } } },
            "400": problemResponse(
              "Invalid body: `officerChoiceEmpty` (nothing given), `officerChoiceUnknownTypology` (outside the catalogue), `officerChoiceInvalidKey` (answers the key could not have produced; `details.reason` and `details.index`), `officerChoiceKeyUnfinished` (the key is not at its end), `officerChoiceKeyConflict` (a typology the key contradicts), `invalidField`, `jsonInvalid`",
            ),
            "401": problemResponse("Missing, unknown or revoked API key"),
            "404": problemResponse("Unknown id, or an identification of another user"),
            "415": problemResponse("Not application/json"),
          },
        },
      },
    },
  };
}
