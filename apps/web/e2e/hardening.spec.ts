import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Security behaviours checked through the real browser and the real server (issue 12).

test.describe("sessions end server-side", () => {
  test("a session cookie kept from before sign-out no longer works", async ({ page, browser }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const kept = await page.context().cookies();
    expect(kept.some((c) => c.name.includes("authjs.session-token"))).toBe(true);

    await page.getByText("Menu principal").click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    // an attacker (or a shared computer) replays the cookie captured before sign-out
    const replay = await browser.newContext({ baseURL: page.url() });
    await replay.addCookies(kept);
    const replayPage = await replay.newPage();
    await replayPage.goto("/identifications");
    await expect(replayPage).toHaveURL(/\/sign-in/);
    const me = await replay.request.get("/api/trpc/me.get");
    expect(me.status()).toBe(401);
    const session = await replay.request.get("/api/auth/session");
    expect(await session.json()).toBeNull();
    await replay.close();
  });
});
