import { packageTestDatabaseUrl } from "../src/testing.ts";

/** This package's own integration-test database (see packageTestDatabaseUrl). */
export const TEST_DB_URL = packageTestDatabaseUrl("db");
