import { expect, test } from "@playwright/test";

test("the web manifest makes the app installable: French name, standalone, theme, icons that exist", async ({ page, request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as { name: string; short_name: string; lang: string; display: string; theme_color: string; start_url: string; icons: Array<{ src: string; sizes: string; purpose?: string }> };
  expect(manifest).toMatchObject({ name: "Basegun : identification des armes", short_name: "Basegun", lang: "fr", display: "standalone", theme_color: "#000091", start_url: "/" });
  // an installable app needs a 192 and a 512 PNG; the maskable one fills Android's adaptive shapes
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toMatch(/^image\//);
  }

  // every page links the manifest and its icons
  await page.goto("/securing");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/icons/apple-touch-icon.png");
});

test("/favicon.ico is served (no more 404 on every load)", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  // an ICO header: reserved 0, type 1 (icon)
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});
