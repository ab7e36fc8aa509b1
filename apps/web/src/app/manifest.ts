import type { MetadataRoute } from "next";

/**
 * The installable application's manifest (/manifest.webmanifest). French first: the officers' language;
 * the start URL is the (French, unprefixed) start page, which sends a signed-out phone to the sign-in page.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Basegun : identification des armes",
    short_name: "Basegun",
    description: "Photographier une arme saisie : sa typologie, sa catégorie légale et comment la mettre en sécurité.",
    lang: "fr",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#ffffff",
    theme_color: "#000091",
    categories: ["utilities", "productivity"],
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
