import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { routing } from "./routing";
import { TIME_ZONE_COOKIE, timeZoneFrom } from "./time-zone";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // the user's own zone (their browser's, through a cookie), Paris until it is known
    timeZone: timeZoneFrom((await cookies()).get(TIME_ZONE_COOKIE)?.value),
  };
});
