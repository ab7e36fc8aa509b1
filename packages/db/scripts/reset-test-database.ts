/** `pnpm --filter @basegun/db db:reset-test`: a fresh, migrated test database for a test run. */
import { dropDatabase, prepareDatabase, testDatabaseUrl } from "../src/testing.ts";

const url = testDatabaseUrl();
await dropDatabase(url);
await prepareDatabase(url);
console.log(`fresh test database: ${new URL(url).pathname.slice(1)}`);
