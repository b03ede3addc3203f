// Per-worker setup: point lib code at the run's database and a fixed auth secret.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.VITRINE_DATA_DIR = inject("dataDir");
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
process.env.PASSWORD_HASH_COST ??= "4";
process.env.LOG_LEVEL ??= "error";
// Some tests send thousands of requests with one API token (the kill-restart upload); the per-token
// quota has its own test (tests/integration/api/rate-limit.test.ts), which sets it explicitly.
process.env.API_RATE_LIMIT_TOKEN_PER_HOUR ??= "0";
