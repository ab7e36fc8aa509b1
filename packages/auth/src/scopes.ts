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
  // anyone's API keys (admin only): list, create for a user, revoke
  "apiKey:manage:any",
  "model:read",
  "audit:read",
  // expert review loop: the queue and the cases in it, claiming, deciding
  "review:read",
  "review:claim",
  "review:decide",
  // review measures (queue depth, time to decision, agreement): experts see how the loop performs
  "review:measures",
  "routing:manage",
  "dataset:read",
  // model lifecycle (admin only): freeze, export and import datasets
  "dataset:manage",
  // model lifecycle (admin only): training runs, evaluations, uploads, aliases, monitoring
  "model:manage",
] as const;
export type Scope = (typeof SCOPES)[number];

const OFFICER: Scope[] = ["identification:create", "identification:read:own", "identification:answer:own", "apiKey:manage:own"];

export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  officer: new Set(OFFICER),
  // experts identify weapons too, and work the review queue
  expert: new Set<Scope>([
    ...OFFICER,
    "identification:read:unit",
    "model:read",
    "review:read",
    "review:claim",
    "review:decide",
    "review:measures",
  ]),
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
