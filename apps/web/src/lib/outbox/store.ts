import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/**
 * The phone's outbox: photo batches kept in IndexedDB until the server has them. Used by the pages and
 * by the service worker (Background Sync), so nothing here touches the DOM. A batch's id is its
 * Idempotency-Key: however many times it is sent (retries, the page and the worker racing), the server
 * creates one case.
 */

export type BatchState =
  /** kept on the phone, to be sent when the network allows */
  | "waiting"
  /** a send is in flight */
  | "sending"
  /** the server refused it or the send failed; `retriable` says whether sending again can help */
  | "failed"
  /** the server has it: `caseId` opens the result */
  | "sent";

export interface OutboxBatch {
  id: string;
  /** the officer who took it: only their session ever sends it (a phone may be shared) */
  ownerId: string;
  createdAt: number;
  photos: Blob[];
  procedureNumber: string;
  locale: string;
  state: BatchState;
  attempts: number;
  /** the officer-facing reason of the last failure, in the batch's locale */
  lastError: string | null;
  retriable: boolean;
  caseId: string | null;
  sentAt: number | null;
  /** the notification shown when it is sent in the background, written in the officer's language */
  notice: { title: string; body: string };
}

interface OutboxSchema extends DBSchema {
  batches: { key: string; value: OutboxBatch; indexes: { byCreatedAt: number } };
  /** "signedIn": the officer whose session this browser holds now (null when signed out) */
  meta: { key: string; value: string | null };
}

const DB_NAME = "basegun-outbox";
/** Tells every page and the worker that the outbox changed (list, badges). */
export const OUTBOX_CHANNEL = "basegun-outbox";

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;
function db() {
  opened ??= openDB<OutboxSchema>(DB_NAME, 1, {
    upgrade(database) {
      const store = database.createObjectStore("batches", { keyPath: "id" });
      store.createIndex("byCreatedAt", "createdAt");
      database.createObjectStore("meta");
    },
  });
  return opened;
}

function announce() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage("changed");
  channel.close();
}

export function newBatch(ownerId: string, photos: Blob[], procedureNumber: string, locale: string, notice: OutboxBatch["notice"]): OutboxBatch {
  return { id: crypto.randomUUID(), ownerId, createdAt: Date.now(), photos, procedureNumber, locale, state: "waiting", attempts: 0, lastError: null, retriable: true, caseId: null, sentAt: null, notice };
}

export async function putBatch(batch: OutboxBatch): Promise<void> {
  await (await db()).put("batches", batch);
  announce();
}

export async function getBatch(id: string): Promise<OutboxBatch | undefined> {
  return (await db()).get("batches", id);
}

/** The signed-in officer's batches, oldest first (they are sent in the order they were taken). */
export async function listBatches(ownerId: string | null): Promise<OutboxBatch[]> {
  if (!ownerId) return [];
  return (await (await db()).getAllFromIndex("batches", "byCreatedAt")).filter((batch) => batch.ownerId === ownerId);
}

/**
 * Recorded by the pages at each open, read by the service worker, which has no session of its own to
 * look at: a Background Sync sends only the batches of the officer signed in now, nothing once signed out.
 */
export async function setSignedIn(ownerId: string | null): Promise<void> {
  await (await db()).put("meta", ownerId, "signedIn");
  announce();
}

export async function signedIn(): Promise<string | null> {
  return (await (await db()).get("meta", "signedIn")) ?? null;
}

export async function updateBatch(id: string, patch: Partial<Omit<OutboxBatch, "id">>): Promise<OutboxBatch | undefined> {
  const database = await db();
  const tx = database.transaction("batches", "readwrite");
  const current = await tx.store.get(id);
  if (current) await tx.store.put({ ...current, ...patch });
  await tx.done;
  announce();
  return current ? { ...current, ...patch } : undefined;
}

export async function deleteBatch(id: string): Promise<void> {
  await (await db()).delete("batches", id);
  announce();
}
