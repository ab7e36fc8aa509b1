import type { Role } from "@basegun/auth";

/** Where each role lands after signing in: experts and admins work the review queue, officers identify. */
export function homePathFor(role: Role): "/" | "/review" {
  return role === "expert" || role === "admin" ? "/review" : "/";
}
