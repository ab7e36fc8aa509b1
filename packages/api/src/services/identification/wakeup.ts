/**
 * A wake-up that is never lost: notify() before wait() makes the next wait() return at once. Readers
 * call arm() before each read, so a notification that lands while the read is in flight still wakes
 * the wait that follows it.
 */
export function createWakeup() {
  let notified = false;
  let release: (() => void) | null = null;
  return {
    notify() {
      notified = true;
      release?.();
    },
    arm() {
      notified = false;
    },
    /** resolves on notify() (or one already received since arm()), or after ms */
    async wait(ms: number): Promise<void> {
      if (notified) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          release = null;
          resolve();
        }
        release = done;
      });
    },
  };
}
