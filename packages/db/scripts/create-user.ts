/**
 * `pnpm user:create <email> <officer|expert|admin> [unit]`: creates (or re-enables) a user, for the
 * first admin of a deployment where no demo account exists. The password comes from BASEGUN_PASSWORD,
 * or a random one is generated and printed once. Users of the ministry's SSO need no password.
 */
import { randomBytes } from "node:crypto";
import { createDb } from "../src/client.ts";
import { writeAudit } from "../src/audit.ts";
import { hashPassword } from "../src/passwords.ts";

const [email, role, unit] = process.argv.slice(2);
if (!email || !role || !["officer", "expert", "admin"].includes(role)) {
  console.error("usage: pnpm user:create <email> <officer|expert|admin> [unit]");
  process.exit(2);
}
const password = process.env.BASEGUN_PASSWORD ?? randomBytes(12).toString("base64url");
if (password.length < 12) {
  console.error("BASEGUN_PASSWORD must have at least 12 characters");
  process.exit(2);
}
const db = createDb();
try {
  const passwordHash = await hashPassword(password);
  const data = { name: email.split("@")[0] ?? email, role: role as "officer" | "expert" | "admin", unit: unit ?? null, passwordHash, disabled: false };
  await db.$transaction(async (tx) => {
    const user = await tx.user.upsert({ where: { email: email.toLowerCase() }, create: { email: email.toLowerCase(), ...data }, update: data });
    // a new password ends every session signed in with the old one
    const ended = await tx.userSession.deleteMany({ where: { userId: user.id } });
    if (ended.count > 0) console.error(`${ended.count} session(s) of ${email} ended`);
    await writeAudit(tx, { actorRole: "cli", action: "user.upsert", resourceType: "User", resourceId: user.id, data: { email: user.email, role, unit: unit ?? null } });
  });
  console.error(`user ${email} is ${role}${unit ? ` in ${unit}` : ""}`);
  if (!process.env.BASEGUN_PASSWORD) console.log(`password (shown once): ${password}`);
} finally {
  await db.$disconnect();
}
