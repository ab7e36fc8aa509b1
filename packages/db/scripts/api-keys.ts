/**
 * `pnpm api-key:list [email]`: every API key (or one user's), one line each: id, prefix, owner, label,
 * created, last used, revoked. `pnpm api-key:revoke <id or prefix>`: revokes one key at once, audited.
 * (`pnpm api-key:create <email> [label]` creates one.)
 */
import { createDb } from "../src/client.ts";
import { writeAudit } from "../src/audit.ts";

const [command, argument] = process.argv.slice(2);
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "-");
const db = createDb();
try {
  if (command === "list") {
    const keys = await db.apiKey.findMany({
      where: argument ? { user: { email: argument.toLowerCase() } } : {},
      orderBy: { createdAt: "desc" },
      include: { user: { select: { email: true } } },
    });
    if (keys.length === 0) console.error(argument ? `no API key for ${argument}` : "no API key");
    for (const key of keys) {
      console.log([key.id, `${key.prefix}…`, key.user.email, JSON.stringify(key.label), `created ${day(key.createdAt)}`, `last used ${day(key.lastUsedAt)}`, key.revokedAt ? `REVOKED ${day(key.revokedAt)}` : "active"].join("  "));
    }
  } else if (command === "revoke" && argument) {
    const matches = await db.apiKey.findMany({ where: { OR: [{ id: argument }, { prefix: argument.replace(/…$/, "") }] } });
    if (matches.length !== 1) {
      console.error(matches.length === 0 ? `no API key with id or prefix ${argument}` : `${matches.length} keys have the prefix ${argument}: give the id`);
      process.exitCode = 1;
    } else {
      const key = matches[0]!;
      if (key.revokedAt) {
        console.error(`API key ${key.id} was already revoked on ${day(key.revokedAt)}`);
      } else {
        await db.$transaction(async (tx) => {
          await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
          await writeAudit(tx, { actorRole: "cli", action: "apiKey.revoke", resourceType: "ApiKey", resourceId: key.id, data: { ownerId: key.userId, label: key.label } });
        });
        console.error(`API key ${key.id} (${key.prefix}…, ${JSON.stringify(key.label)}) revoked: it is refused from now on`);
      }
    }
  } else {
    console.error("usage: pnpm api-key:list [email] | pnpm api-key:revoke <id or prefix>");
    process.exitCode = 2;
  }
} finally {
  await db.$disconnect();
}
