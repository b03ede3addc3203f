import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // `server-only` throws outside the react-server condition; tests run lib code directly.
  "server-only": path.resolve(__dirname, "tests/support/empty-module.ts"),
};

/** Integration files that spawn and kill processes (the app, workers, PostgreSQL). */
const PROCESS_TESTS = [
  "tests/integration/system/{client-ip,database-restart,shutdown}.test.ts",
  "tests/integration/batches/kill-restart.test.ts",
  "tests/integration/ai/runs-kill.test.ts",
  "tests/integration/url-chunks/url-batch-kill-restart.test.ts",
  "tests/integration/generation/generation-kill.test.ts",
  "tests/integration/export/export-jobs-kill.test.ts",
];

const integration = {
  environment: "node" as const,
  globalSetup: ["tests/support/integration-global-setup.ts"],
  setupFiles: ["tests/support/integration-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: PROCESS_TESTS,
          ...integration,
          // Each worker has its own database (tests/support/integration-global-setup.ts).
          maxWorkers: Math.max(1, Number(process.env.INTEGRATION_WORKERS ?? 2)),
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-processes",
          include: PROCESS_TESTS,
          ...integration,
          // They start whole apps, workers and PostgreSQL servers and time their recovery: one at a
          // time, after the parallel files, so the machine's load does not decide their deadlines.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
