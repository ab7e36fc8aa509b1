import { expect, test } from "@playwright/test";

// Times are the user's own: a phone set to Réunion time gets its pages drawn in Réunion time (the
// browser's zone reaches the server through a cookie), one in Paris keeps Paris.
test.describe("a phone in Réunion", () => {
  test.use({ timezoneId: "Indian/Reunion" });

  test("its pages are drawn in its own time zone once the browser has told it", async ({ page, context }) => {
    await page.goto("/securing");
    await expect.poll(async () => (await context.cookies()).find((cookie) => cookie.name === "basegun-tz")?.value).toBe("Indian%2FReunion");
    await expect(page.locator("body")).toHaveAttribute("data-time-zone", "Indian/Reunion");
    await page.goto("/securing/revolver");
    await expect(page.locator("body")).toHaveAttribute("data-time-zone", "Indian/Reunion");
  });
});

test("a phone in Paris keeps Paris, and a forged zone falls back to Paris", async ({ page, context, baseURL }) => {
  await page.goto("/securing");
  await expect(page.locator("body")).toHaveAttribute("data-time-zone", "Europe/Paris");
  await context.addCookies([{ name: "basegun-tz", value: "Mars%2FOlympus", url: baseURL! }]);
  const html = await (await page.request.get("/securing")).text();
  expect(html).toContain('data-time-zone="Europe/Paris"');
});
