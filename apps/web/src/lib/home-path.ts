import type { Role } from "@basegun/auth";

/**
 * Where each role lands after signing in: officers identify, experts work the review queue, admins
 * open their console (the model registry, where production, candidates and rollback are).
 */
export function homePathFor(role: Role): "/" | "/review" | "/admin/models" {
  if (role === "admin") return "/admin/models";
  return role === "expert" ? "/review" : "/";
}
