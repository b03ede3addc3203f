import { defineConfig, devices } from "@playwright/test";

// E2E against the production build (`next build` runs first in `npm run test:e2e`) on embedded
// defaults: a fresh data directory, embedded PostgreSQL and local blob storage; AI vision goes to
// the local fake OpenAI server (tests/support/fake-openai-server.ts) on 127.0.0.1.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const AI_PORT = Number(process.env.E2E_AI_PORT ?? 3199);
/** The photo host URL batches fetch from (tests/support/photo-host-server.ts), the one allow-listed host. */
export const E2E_PHOTOS_PORT = Number(process.env.E2E_PHOTOS_PORT ?? AI_PORT - 2);
export const E2E_OPENAI_KEY = "sk-e2e-fake-key";
export const E2E_ADMIN = { email: "admin@e2e.vitrine.local", password: "admin-e2e-senha" };
const baseURL = `http://localhost:${PORT}`;
/**
 * A second, small app for tests/e2e/batches/direct-upload.spec.ts (project "direct-blob"): the same
 * build on the Vercel Blob driver, its store the local Vercel Blob protocol server
 * (tests/support/fake-vercel-blob-server.ts), its own data directory and embedded PostgreSQL.
 */
export const E2E_BLOB_PORT = Number(process.env.E2E_BLOB_PORT ?? PORT + 1);
export const E2E_BLOB_API_PORT = Number(process.env.E2E_BLOB_API_PORT ?? AI_PORT - 3);
// "localhost", not 127.0.0.1: the browser client streams request bodies (HTTP/2 only) to any other http:// address.
export const E2E_BLOB_API_URL = `http://localhost:${E2E_BLOB_API_PORT}/api/blob`;
const E2E_BLOB_TOKEN = "vercel_blob_rw_fakestore_e2esecret0123456789";
const blobBaseURL = `http://localhost:${E2E_BLOB_PORT}`;
const DIRECT_UPLOAD_SPEC = /direct-upload\.spec\.ts/;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL,
    locale: "pt-BR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
      testIgnore: [/global\.setup\.ts/, DIRECT_UPLOAD_SPEC],
    },
    {
      name: "direct-blob",
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: blobBaseURL },
      testMatch: DIRECT_UPLOAD_SPEC,
    },
  ],
  webServer: [
    {
      command: `tsx tests/support/fake-openai-server-cli.ts --port ${AI_PORT}`,
      url: `http://127.0.0.1:${AI_PORT}/__fake/requests`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `tsx tests/support/photo-host-server-cli.ts --port ${E2E_PHOTOS_PORT}`,
      url: `http://127.0.0.1:${E2E_PHOTOS_PORT}/__photos/requests`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "rm -rf .data-e2e && tsx scripts/start.ts start",
      url: `${baseURL}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        VITRINE_DATA_DIR: ".data-e2e",
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        NEXTAUTH_URL: baseURL,
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        LOG_LEVEL: "warn",
        PASSWORD_HASH_COST: "8",
        OPENAI_BASE_URL: `http://127.0.0.1:${AI_PORT}/v1`,
        OPENAI_API_KEY: E2E_OPENAI_KEY,
        // One retry: a photo the fake server always answers 500 fails in seconds, not a minute.
        AI_MAX_ATTEMPTS: "2",
        // The cancel test needs photos left waiting: twice this many are in its run.
        AI_WORKER_CONCURRENCY: "4",
        // URL batches reach the photo host only; every other address is refused as in production.
        URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${E2E_PHOTOS_PORT}`,
        URL_FETCH_TIMEOUT_SECONDS: "10",
        // The batch page's export menu offers a background job from this many rows (batch-export.spec.ts).
        EXPORT_JOB_MIN_ROWS: "5",
      },
    },
    {
      command: `tsx tests/support/fake-vercel-blob-server-cli.ts --port ${E2E_BLOB_API_PORT} --token ${E2E_BLOB_TOKEN}`,
      url: E2E_BLOB_API_URL,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "rm -rf .data-e2e-blob && tsx scripts/start.ts start",
      url: `${blobBaseURL}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(E2E_BLOB_PORT),
        VITRINE_DATA_DIR: ".data-e2e-blob",
        EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? "54339") + 100),
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        NEXTAUTH_URL: blobBaseURL,
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        LOG_LEVEL: "warn",
        PASSWORD_HASH_COST: "8",
        BLOB_READ_WRITE_TOKEN: E2E_BLOB_TOKEN,
        VERCEL_BLOB_API_URL: E2E_BLOB_API_URL,
        // The local store calls the app back when an upload completes, as Vercel Blob does.
        VERCEL_BLOB_CALLBACK_URL: blobBaseURL,
      },
    },
  ],
});
