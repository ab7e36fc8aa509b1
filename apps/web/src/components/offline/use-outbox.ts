"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { listBatches, OUTBOX_CHANNEL, signedIn, type OutboxBatch } from "@/lib/outbox/store";

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** The browser's idea of the network (true on the server: pages render online). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** The signed-in officer's outbox batches, kept current when any page or the service worker changes them. */
export function useOutbox(): { batches: OutboxBatch[]; loaded: boolean; reload: () => void } {
  const [batches, setBatches] = useState<OutboxBatch[]>([]);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(() => {
    signedIn()
      .then(listBatches)
      .then((list) => {
        setBatches(list);
        setLoaded(true);
      })
      .catch(() => setLoaded(true));
  }, []);
  useEffect(() => {
    reload();
    const channel = new BroadcastChannel(OUTBOX_CHANNEL);
    channel.onmessage = reload;
    return () => channel.close();
  }, [reload]);
  return { batches, loaded, reload };
}
