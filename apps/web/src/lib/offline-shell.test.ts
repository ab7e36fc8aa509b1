import { describe, expect, it } from "vitest";
import { offlineShellUrls } from "./offline-shell";

describe("offlineShellUrls", () => {
  it("French pages carry no locale prefix (a /fr/… URL would only redirect, and a redirect is never kept)", () => {
    const shell = offlineShellUrls("fr");
    expect(shell.core).toEqual(["/identifications/new"]);
    expect(shell.guides.slice(0, 3)).toEqual(["/", "/identifications", "/securing"]);
    expect([...shell.core, ...shell.guides].every((url) => !url.startsWith("/fr"))).toBe(true);
  });

  it("English pages are under /en", () => {
    const shell = offlineShellUrls("en");
    expect(shell.core).toEqual(["/en/identifications/new"]);
    expect(shell.guides.every((url) => url === "/en" || url.startsWith("/en/"))).toBe(true);
  });

  it("holds every securing guide down to its variants' steps", () => {
    const { guides } = offlineShellUrls("fr");
    expect(guides).toContain("/securing/revolver");
    expect(guides).toContain("/securing/pistolet_semi_auto_moderne/magazine_button_by_trigger_guard");
    expect(new Set(guides).size).toBe(guides.length);
  });

  it("holds each family's drawn general rules (where the visual key ends when the typology stays unknown)", () => {
    expect(offlineShellUrls("fr").guides).toEqual(expect.arrayContaining(["/securing/families/handgun", "/securing/families/long_gun"]));
    expect(offlineShellUrls("en").guides).toContain("/en/securing/families/long_gun");
  });
});
