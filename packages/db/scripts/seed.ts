/**
 * Seeds what a fresh platform needs: the shipped model versions (always) and the demo accounts
 * (never in production). Idempotent: run it as often as you like.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "../src/client.ts";
import { DEMO_USERS } from "../src/demo-users.ts";
import { registerShippedModels } from "../src/model-registration.ts";
import { hashPassword } from "../src/passwords.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const modelsDir = path.resolve(repoRoot, process.env.MODELS_DIR ?? "models");
const db = createDb();

try {
  const models = await registerShippedModels(db, modelsDir);
  console.log(`models: ${models.registered.length} newly registered; production = ${models.production ?? "none"}`);

  if (process.env.NODE_ENV === "production") {
    console.log("NODE_ENV=production: demo accounts are not created");
  } else {
    for (const user of DEMO_USERS) {
      const passwordHash = await hashPassword(user.password);
      await db.user.upsert({
        where: { email: user.email },
        create: { email: user.email, name: user.name, role: user.role, unit: user.unit, passwordHash },
        update: { role: user.role, unit: user.unit, passwordHash, disabled: false },
      });
    }
    console.log("demo accounts (development only):");
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email.padEnd(24)} password: ${u.password}`);
  }
} finally {
  await db.$disconnect();
}
