/** `pnpm api-key:create <email> [label]`: creates an API key for that user and prints it alone on the last line. */
import { createDb } from "../src/client.ts";
import { generateApiKey } from "../src/api-keys.ts";
import { writeAudit } from "../src/audit.ts";

const [email, label = "service"] = process.argv.slice(2);
if (!email) {
  console.error("usage: pnpm api-key:create <email> [label]");
  process.exit(2);
}
const db = createDb();
try {
  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabled) {
    console.error(`no active user with email ${email}`);
    process.exitCode = 1;
  } else {
    const { key, prefix, hash } = generateApiKey();
    await db.$transaction(async (tx) => {
      const apiKey = await tx.apiKey.create({ data: { userId: user.id, label, prefix, hash } });
      await writeAudit(tx, { actorRole: "cli", action: "apiKey.create", resourceType: "ApiKey", resourceId: apiKey.id, data: { userId: user.id, label } });
    });
    console.error(`API key created for ${email} (${user.role}); it is shown once:`);
    console.log(key);
  }
} finally {
  await db.$disconnect();
}
