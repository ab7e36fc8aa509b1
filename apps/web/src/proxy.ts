import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

export default createMiddleware(routing);

export const config = {
  // api routes (uploads above the proxy's 10 MB body cap), Next's assets and files with an extension
  // never go through the locale proxy
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
