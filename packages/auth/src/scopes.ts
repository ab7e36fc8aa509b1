/**
 * Who may do what: the one place where roles map to permission scopes (deny by default).
 * Object-level checks (is this case the officer's own?) live in the services, next to the query.
 */
export const ROLES = ["officer", "expert", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  "identification:create",
  "identification:read:own",
  "identification:read:unit",
  "identification:read:all",
  "identification:answer:own",
  "apiKey:manage:own",
  "model:read",
  "audit:read",
] as const;
export type Scope = (typeof SCOPES)[number];

const OFFICER: Scope[] = ["identification:create", "identification:read:own", "identification:answer:own", "apiKey:manage:own"];

export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  officer: new Set(OFFICER),
  // experts identify weapons too; the review scopes come with the review dashboard
  expert: new Set<Scope>([...OFFICER, "identification:read:unit", "model:read"]),
  admin: new Set<Scope>([...SCOPES]),
};

export function hasScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role]?.has(scope) ?? false;
}

/** The signed-in person (or API key owner) as every service sees them. */
export interface Actor {
  userId: string;
  role: Role;
  unit: string | null;
  via: "session" | "apiKey";
}
