import type { Actor } from "@basegun/auth";
import { auditValues, poolOf, type AuditEntry, type Db } from "@basegun/db";
import { UPLOAD_LIMITS } from "@basegun/storage";
import { createId } from "../../ids.ts";
import type { ServiceDeps } from "../../deps.ts";
import { ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { findKeyedCase, idempotencyHash, isKeyConflict } from "./idempotency.ts";
import { acceptPhotos, photoRow, removePhotoFiles, storePhotoFiles } from "./intake.ts";
import { startMarkingsReadings } from "./markings.ts";
import { loadCaseRow, toIdentificationView, type IdentificationView } from "./view.ts";

export interface NewIdentification {
  photos: Array<{ bytes: Buffer; kind?: "overview" | "left" | "right" | "markings" | "magazine" }>;
  procedureNumber?: string;
  urgency?: "normal" | "urgent";
  source: "web" | "api";
  ip?: string | null;
  userAgent?: string | null;
  /** the client's Idempotency-Key for this batch (already validated by parseIdempotencyKey) */
  idempotencyKey?: string | null;
}

export interface CreatedIdentification {
  view: IdentificationView;
  /** true when the key named a case an earlier send created: nothing new was stored */
  replayed: boolean;
}

/**
 * Accepts a case: every photo checked by content and re-encoded first (nothing is stored if one is bad),
 * files written, then case + photos + audit row committed in one transaction, then the identify job
 * enqueued after the commit. If Redis is down the case stays `pending` and the worker's sweeper
 * enqueues it later: an accepted photo is never lost.
 */
export async function createIdentification(deps: ServiceDeps, actor: Actor, input: NewIdentification): Promise<IdentificationView> {
  return (await createIdentificationOnce(deps, actor, input)).view;
}

/**
 * createIdentification with the Idempotency-Key honoured: a key the owner already used for the same
 * batch returns that case (replayed), before any rate-limit count or photo decoding; two sends racing
 * with one key meet on the unique index and the second returns the first's case.
 */
export async function createIdentificationOnce(deps: ServiceDeps, actor: Actor, input: NewIdentification): Promise<CreatedIdentification> {
  requireScope(actor, "identification:create");
  if (input.photos.length === 0) throw new ServiceError("BAD_REQUEST", "at least one photo is required", "photoMissing");
  if (input.photos.length > UPLOAD_LIMITS.maxPhotosPerCase) {
    throw new ServiceError("BAD_REQUEST", `at most ${UPLOAD_LIMITS.maxPhotosPerCase} photos per identification`, "tooManyPhotos", {
      max: UPLOAD_LIMITS.maxPhotosPerCase,
    });
  }

  // markings photos are read apart (OCR), never identified: a case needs a photo of the weapon itself
  if (input.photos.every((photo) => photo.kind === "markings")) {
    throw new ServiceError("BAD_REQUEST", "a photo of the weapon is required; markings photos are read apart", "photoMissing");
  }

  const key = input.idempotencyKey ?? null;
  const hash = key ? idempotencyHash(input) : null;
  if (key && hash) {
    const existing = await findKeyedCase(deps.db, actor.userId, key, hash);
    if (existing) return { view: await keyedCaseView(deps, existing), replayed: true };
  }

  // counted before any photo is decoded: a refused upload costs next to nothing
  await deps.uploadLimiter?.consume(actor);
  const accepted = await acceptPhotos(input.photos);

  const caseId = createId();
  const stored = await storePhotoFiles(deps, caseId, actor.userId, accepted);
  const { files } = stored;
  const photos = files.map((file, position) => photoRow(file, position, input.photos[position]?.kind));
  const fields = {
    id: caseId,
    ownerId: actor.userId,
    // the actor is read from the database at each request: its unit is the owner's current one
    unit: actor.unit,
    source: input.source,
    procedureNumber: input.procedureNumber?.trim() || null,
    urgency: input.urgency ?? ("normal" as const),
    idempotencyKey: key,
    idempotencyHash: hash,
  };
  let createdAt: Date;
  try {
    createdAt = await insertCase(deps.db, {
      ...fields,
      photos,
      journalId: stored.journalId,
      audit: {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "identification.create",
        resourceType: "Case",
        resourceId: caseId,
        data: { photos: files.length, source: input.source, via: actor.via, sha256: files.map((f) => f.photo.original.sha256) },
        ip: input.ip,
        userAgent: input.userAgent,
      },
    });
  } catch (e) {
    // nothing committed: remove the files so no orphan photo stays in storage
    await removePhotoFiles(deps, stored);
    if (key && hash && isKeyConflict(e)) {
      // a concurrent send with the same key committed first: its case is this batch's case
      const existing = await findKeyedCase(deps.db, actor.userId, key, hash);
      if (existing) return { view: await keyedCaseView(deps, existing), replayed: true };
    }
    throw e;
  }

  // after commit: the job never references a row that does not exist yet
  await deps.producer.enqueue({ caseId }).catch(() => {
    /* the sweeper re-enqueues pending cases once Redis is back */
  });

  await startMarkingsReadings(
    deps,
    caseId,
    photos.filter((photo) => photo.kind === "markings").map((photo) => photo.id),
  ).catch(() => {
    /* the worker's sweeper creates and enqueues the missing readings */
  });

  // a new case has no prediction and no review yet: its view needs no second read
  const view = toIdentificationView({
    ...fields,
    status: "pending",
    answers: {},
    failureReason: null,
    expertRequest: null,
    answersIncomplete: false,
    officerTypology: null,
    officerFamily: null,
    officerKeyAnswers: null,
    officerChoiceSource: null,
    officerChoiceAt: null,
    officerChoiceById: null,
    verdictSeenAt: null,
    attempts: 0,
    photoRevision: 0,
    createdAt,
    updatedAt: createdAt,
    completedAt: null,
    photos: photos.map((photo) => ({ ...photo, caseId, createdAt })),
    predictions: [],
    reviews: [],
    markingsReadings: [],
  });
  return { view, replayed: false };
}

async function keyedCaseView(deps: ServiceDeps, caseId: string): Promise<IdentificationView> {
  const row = await loadCaseRow(deps.db, caseId);
  if (!row) throw new Error(`case ${caseId} found by its idempotency key but not loaded`);
  return toIdentificationView(row);
}

interface CaseInsert {
  id: string;
  ownerId: string;
  unit: string | null;
  source: NewIdentification["source"];
  procedureNumber: string | null;
  urgency: "normal" | "urgent";
  idempotencyKey: string | null;
  idempotencyHash: string | null;
  photos: Array<ReturnType<typeof photoRow>>;
  /** the intake journal entry of the photos' files, deleted by the same statement */
  journalId: string;
  audit: AuditEntry;
}

/**
 * The case, its photos, its audit row and the end of its intake journal entry in one statement (atomic as any single statement): every
 * upload runs it, and as the ORM's nested create in a transaction it took about five times the CPU
 * (see @basegun/db's sql.ts). Returns the case's creation time.
 */
async function insertCase(db: Db, row: CaseInsert): Promise<Date> {
  const { rows } = await poolOf(db).query<{ createdAt: Date }>(
    `WITH new_case AS (
       INSERT INTO "Case" ("id", "ownerId", "unit", "source", "status", "urgency", "procedureNumber", "idempotencyKey", "idempotencyHash", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, CAST($4 AS "CaseSource"), 'pending', CAST($5 AS "CaseUrgency"), $6, $16, $17, now(), now())
       RETURNING "id", "createdAt"),
     new_photos AS (
       INSERT INTO "Photo" ("id", "caseId", "kind", "position", "originalKey", "originalSha256", "originalBytes", "originalMime",
         "derivativeKey", "derivativeSha256", "width", "height", "createdAt")
       SELECT p."id", new_case."id", CAST(p."kind" AS "PhotoKind"), p."position", p."originalKey", p."originalSha256", p."originalBytes",
         p."originalMime", p."derivativeKey", p."derivativeSha256", p."width", p."height", new_case."createdAt"
       FROM new_case, jsonb_to_recordset($7::jsonb) AS p("id" text, "kind" text, "position" int, "originalKey" text, "originalSha256" text,
         "originalBytes" int, "originalMime" text, "derivativeKey" text, "derivativeSha256" text, "width" int, "height" int)),
     audit AS (
       INSERT INTO "AuditLog" ("actorId", "actorRole", "action", "resourceType", "resourceId", "data", "ip", "userAgent")
       SELECT $8, $9, $10, $11, $12, $13::jsonb, $14, $15 FROM new_case),
     journal_done AS (
       DELETE FROM "IntakeJournal" WHERE "id" = $18 AND EXISTS (SELECT 1 FROM new_case))
     SELECT "createdAt" FROM new_case`,
    [row.id, row.ownerId, row.unit, row.source, row.urgency, row.procedureNumber, JSON.stringify(row.photos), ...auditValues(row.audit), row.idempotencyKey, row.idempotencyHash, row.journalId],
  );
  return rows[0]!.createdAt;
}
