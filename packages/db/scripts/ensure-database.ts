/** Creates the database named in DATABASE_URL if it does not exist, then applies the migrations. */
import { prepareDatabase } from "../src/testing.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
await prepareDatabase(url);
console.log(`database ready: ${new URL(url).pathname.slice(1)} (migrations applied)`);
