import type { Role } from "./generated/prisma/enums.ts";

/**
 * Demo accounts for development, tests and demonstrations. The seed refuses to create them when
 * NODE_ENV=production: a deployment gets its users from the ministry's SSO or from an admin.
 */
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; unit: string; password: string }> = [
  { email: "officer@basegun.local", name: "Agent Démo", role: "officer", unit: "BR Paris 75", password: "officer-demo" },
  { email: "officer2@basegun.local", name: "Agent Démo 2", role: "officer", unit: "BR Lyon 69", password: "officer-demo" },
  { email: "expert@basegun.local", name: "Expert SCAE Démo", role: "expert", unit: "SCAE", password: "expert-demo" },
  { email: "admin@basegun.local", name: "Admin Démo", role: "admin", unit: "DTNUM", password: "admin-demo" },
];
