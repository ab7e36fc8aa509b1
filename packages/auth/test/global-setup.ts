import type { TestProject } from "vitest/node";
import { resetTestDatabase } from "@basegun/db/testing";

/** A fresh, migrated copy of this package's own test database (named in vitest.config.ts). */
export default async function setup(project: TestProject) {
  await resetTestDatabase(project.config.env.TEST_DATABASE_URL!);
}
