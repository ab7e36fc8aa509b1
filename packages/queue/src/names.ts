/** Queue names shared by producers (web, API) and consumers (workers). */
export const QUEUE_NAMES = {
  identify: "identify",
} as const;

/** Redis pub/sub channel on which a case's updates are announced (worker -> web, for live pages). */
export const caseUpdatesChannel = (caseId: string) => `basegun:case-updates:${caseId}`;
