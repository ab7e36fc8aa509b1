// @ts-check
// Serwist in configurator mode (works with Turbopack builds): `next build && serwist build` bundles
// src/sw.ts into public/sw.js with the precache manifest below. See ../../shared/design/ecosystem.md.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { serwist } from "@serwist/next/config";

const revision = (file) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 32);

export default serwist({
  swSrc: "src/sw.ts",
  swDest: "public/sw.js",
  // Precached at install: only the offline fallback page and its few bytes of style and icon. Next's
  // scripts are kept at run time instead (each page's own, once the page is kept), so that the first
  // load does not download every page's code (the expert and admin screens included).
  globPatterns: ["public/offline.css", "public/favicon.ico", "public/icons/icon.svg"],
  // listed by hand: the glob's transform would turn public/offline.html into /public/offline
  additionalPrecacheEntries: [{ url: "/offline.html", revision: revision("public/offline.html") }],
  precachePrerendered: false,
});
