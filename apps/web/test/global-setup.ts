import { resetTestDatabase } from "@basegun/db/testing";
import { TEST_DB_URL } from "./test-db.ts";

export default async function setup() {
  await resetTestDatabase(TEST_DB_URL);
}
