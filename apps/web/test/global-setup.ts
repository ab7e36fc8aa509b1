import { prepareTestDatabase } from "@basegun/db/testing";

export default async function setup() {
  await prepareTestDatabase();
}
