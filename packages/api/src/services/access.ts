import { hasScope, type Actor, type Scope } from "@basegun/auth";
import { ServiceError } from "../errors.ts";

export function requireScope(actor: Actor, scope: Scope): void {
  if (!hasScope(actor.role, scope)) {
    throw new ServiceError("FORBIDDEN", `missing permission ${scope}`, "forbidden");
  }
}

/** May this actor see a case owned by ownerId in unit? (object-level check, deny by default) */
export function canReadCase(actor: Actor, owner: { ownerId: string; unit: string | null }): boolean {
  if (hasScope(actor.role, "identification:read:all")) return true;
  if (owner.ownerId === actor.userId && hasScope(actor.role, "identification:read:own")) return true;
  return hasScope(actor.role, "identification:read:unit") && actor.unit !== null && owner.unit === actor.unit;
}
