"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/i18n/time-zone";

/**
 * Tells the server the browser's time zone (a cookie, read by the request's i18n config) and redraws the
 * page once when it differs from the one this page was drawn in: times are then the user's own.
 */
export function TimeZoneCookie({ drawnIn }: { drawnIn: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === drawnIn) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    router.refresh();
  }, [drawnIn, router]);
  return null;
}
