import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { directiveOf, listSources, reachableFrom, repoRoot } from "../../support/import-graph";

/**
 * Which lib/ modules import "server-only". The package throws unless it is resolved under the
 * react-server condition, which only Next's server layer (route handlers, server actions, server
 * components) uses: so a module a plain Node process loads must not be marked, and every other
 * server module must be, so that the browser bundle can never pull it in.
 */
const at = (...parts: string[]) => path.join(repoRoot, ...parts);
const rel = (file: string) => path.relative(repoRoot, file);
const lib = listSources(at("lib"));
const isMarked = (file: string) => /^import ["']server-only["'];?$/m.test(readFileSync(file, "utf8"));

/** Processes that run lib code in plain Node, outside Next's server layer. */
const plainNodeEntries = [
  ...listSources(at("scripts")), // npm run worker, the launcher (custom server), db scripts
  at("instrumentation.ts"), // starts the same worker entries as npm run worker
  at("next.config.ts"),
  at("proxy.ts"),
  at("lib/carteira/parse-worker/parse-tasks.ts"), // loaded by path in a worker thread (worker-entry.cjs)
  at("lib/ai/provider/model-image/child-task.ts"), // loaded by path in the nice-19 child process (child-entry.cjs)
  at("lib/ai/text/ocr/child-task.ts"), // loaded by path in the nice-19 OCR child process (child-entry.cjs)
  // bench:export runs under `node --conditions=react-server` (its in-process mode loads the route).
  ...listSources(at("tests/bench")).filter((file) => file !== at("tests/bench/export.ts")),
  ...listSources(at("tests/e2e")),
  at("tests/support/ingest-server-child.ts"),
  at("tests/integration/ai/runs-worker-child.ts"),
  at("tests/integration/system/launcher-process.ts"),
];

/** Declarations the browser shares (zod schemas, types) and next-intl's config, loaded in every layer. */
const isShared = (file: string) => /(^|\/)(schemas|types)\.ts$/.test(rel(file)) || rel(file).startsWith("lib/i18n/");

describe('"server-only" under lib/', () => {
  const plain = reachableFrom(plainNodeEntries);
  const clientEntries = [
    ...[...listSources(at("app")), ...listSources(at("components")), ...lib].filter(
      (f) => directiveOf(f) === "use client",
    ),
    at("lib/browser/uploads/sha256-worker.ts"), // loaded by URL as a Web Worker (hash-files.ts)
  ];
  // A client component calls a server action through a reference, not by loading its module.
  const browser = reachableFrom(clientEntries, (file) => directiveOf(file) === "use server");

  it("the checks see the worker's and the browser's modules", () => {
    expect(plain.has(at("lib/jobs/start-workers.ts"))).toBe(true);
    expect(browser.has(at("lib/queries/api-client.ts"))).toBe(true);
    expect(browser.has(at("lib/auth/session.ts"))).toBe(false);
  });

  it("is not imported by a module a plain Node process loads (it would throw there)", () => {
    expect(lib.filter((f) => plain.has(f) && isMarked(f)).map(rel)).toEqual([]);
  });

  it("is not imported by a module the browser loads", () => {
    expect(lib.filter((f) => browser.has(f) && isMarked(f)).map(rel)).toEqual([]);
  });

  it("is imported by every other server module", () => {
    const unmarked = lib.filter((f) => !plain.has(f) && !browser.has(f) && !isShared(f) && !isMarked(f));
    expect(unmarked.map(rel)).toEqual([]);
  });
});
