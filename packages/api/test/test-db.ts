import { packageTestDatabaseUrl } from "@basegun/db/testing";

/** This package's own integration-test database (see packageTestDatabaseUrl). */
export const TEST_DB_URL = packageTestDatabaseUrl("api");
