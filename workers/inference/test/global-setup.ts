import { prepareTestDatabase } from "@basegun/db/testing";

export default async function setup() {
  process.env.DATABASE_URL = await prepareTestDatabase();
}
