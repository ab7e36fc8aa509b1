import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { routing } from "./i18n/routing";
import { contentSecurityPolicy, newNonce } from "./lib/content-security-policy";

const handleLocale = createMiddleware(routing);

/**
 * Every page: the locale routing (next-intl), and a nonce-based Content-Security-Policy. The policy is
 * put on the request too: Next reads the nonce from it and stamps its own scripts with it (pages are
 * rendered per request, so each response has its own nonce).
 */
export default function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV !== "production",
    https: request.headers.get("x-forwarded-proto") === "https",
  });
  // next-intl copies the request's headers into the request Next renders with
  request.headers.set("content-security-policy", policy);
  request.headers.set("x-nonce", nonce);
  const response = handleLocale(request);
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // api routes (uploads above the proxy's 10 MB body cap; /api/ only: /api-keys is a page), Next's assets and files with an extension
  // never go through the locale proxy
  matcher: ["/((?!api/|_next/|_vercel/|.*\\..*).*)"],
};
