import { resetTestDatabase } from "../src/testing.ts";
import { TEST_DB_URL } from "./test-db.ts";

export default async function setup() {
  await resetTestDatabase(TEST_DB_URL);
}
