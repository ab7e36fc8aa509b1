import type { Redis } from "ioredis";
import { createRedis } from "./connection.ts";
import { caseUpdatesChannel } from "./names.ts";

const CHANNEL_PREFIX = caseUpdatesChannel("");

export type AnnouncedStatus = "processing" | "done" | "failed";
const ANNOUNCED_STATUSES = new Set<string>(["processing", "done", "failed"]);
/** Called at each announcement, with the case's new status when the announcer gave it (a hint: re-read). */
export type CaseUpdateListener = (status: AnnouncedStatus | null) => void;

export interface CaseUpdateHubOptions {
  /** how long a SUBSCRIBE may take before the listener relies on its caller's fallback poll */
  subscribeTimeoutMs?: number;
  /** the shared connection is closed after this long without any listener */
  idleDisconnectMs?: number;
  /** the name the connection shows in CLIENT LIST */
  connectionName?: string;
}

/**
 * One Redis subscriber per process, shared by every open result page and every API request waiting
 * for a case, instead of a connection each. A channel is subscribed while at least one listener is on
 * it. Announcements are hints, not data: listeners re-read the case, and keep a slow poll of their own
 * for a message lost while Redis restarts.
 */
export class CaseUpdateHub {
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<CaseUpdateListener>>();
  /** per channel, the SUBSCRIBE in flight or done: a second listener waits for it like the first */
  private readonly subscribed = new Map<string, Promise<void>>();
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly subscribeTimeoutMs: number;
  private readonly idleDisconnectMs: number;
  private readonly connectionName: string;

  constructor(
    private readonly redisUrl: string,
    options: CaseUpdateHubOptions = {},
  ) {
    this.subscribeTimeoutMs = options.subscribeTimeoutMs ?? 1000;
    this.idleDisconnectMs = options.idleDisconnectMs ?? 30_000;
    this.connectionName = options.connectionName ?? "basegun-case-updates";
  }

  /** How many cases have a listener now (for tests and monitoring). */
  get channelCount(): number {
    return this.listeners.size;
  }

  /**
   * Calls onChange at each announcement for this case. Resolves once subscribed, or after
   * subscribeTimeoutMs while Redis is unreachable (ioredis subscribes when it reconnects). Returns the
   * function that removes the listener.
   */
  async listen(caseId: string, onChange: CaseUpdateListener): Promise<() => void> {
    const channel = caseUpdatesChannel(caseId);
    const subscriber = this.connection();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      this.subscribed.set(channel, this.withTimeout(subscriber.subscribe(channel)));
    }
    set.add(onChange);
    await this.subscribed.get(channel);

    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const current = this.listeners.get(channel);
      current?.delete(onChange);
      if (current && current.size === 0) {
        this.listeners.delete(channel);
        this.subscribed.delete(channel);
        void this.subscriber?.unsubscribe(channel).catch(() => {});
        if (this.listeners.size === 0) this.scheduleIdleDisconnect();
      }
    };
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.listeners.clear();
    this.subscribed.clear();
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  private connection(): Redis {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (!this.subscriber) {
      const subscriber = createRedis(this.redisUrl, "subscriber", this.connectionName);
      subscriber.on("message", (channel: string, message: string) => {
        if (!channel.startsWith(CHANNEL_PREFIX)) return;
        const status = ANNOUNCED_STATUSES.has(message) ? (message as AnnouncedStatus) : null;
        for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(status);
      });
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }

  private scheduleIdleDisconnect() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.listeners.size === 0) {
        this.subscriber?.disconnect();
        this.subscriber = null;
      }
    }, this.idleDisconnectMs);
    this.idleTimer.unref();
  }

  private async withTimeout(command: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      command.catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.subscribeTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}

/**
 * The worker's side: tells every listening process that a case changed, and to which status when it
 * knows (a listener waiting for the result can skip the "processing" step without reading). Never throws.
 */
export async function announceCaseUpdate(publisher: Redis, caseId: string, status?: AnnouncedStatus): Promise<void> {
  await publisher.publish(caseUpdatesChannel(caseId), status ?? "changed").catch(() => {});
}
