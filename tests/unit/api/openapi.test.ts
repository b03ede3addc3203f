import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * docs/openapi.json must document exactly the /api/v1 routes that exist: every `route.ts` under
 * app/api/v1 and each HTTP method it exports, no more, no less.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const API_DIR = path.join(ROOT, "app/api/v1");
const DOC_PATH = path.join(ROOT, "docs/openapi.json");

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
const DOC_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * Route files whose dynamic segment only accepts a fixed set of values: the document lists one
 * concrete path per value. `values` reads them from the route source so a new action is caught.
 */
const EXPANSIONS: { route: string; param: string; values: (source: string) => string[] }[] = [
  {
    // app/api/v1/batches/[id]/[action]/route.ts → /batches/{id}/start|pause|resume|cancel|force-start|reprocess
    route: "/batches/{id}/{action}",
    param: "action",
    values: (source) => {
      const body = /const\s+actions\s*=\s*\{([^}]*)\}/.exec(source)?.[1] ?? "";
      return [...body.matchAll(/(?:"([\w-]+)"|(\w+))\s*:/g)].map((m) => (m[1] ?? m[2])!);
    },
  },
];

function findRouteFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findRouteFiles(full));
    else if (entry.name === "route.ts") found.push(full);
  }
  return found;
}

/** app/api/v1/batches/[id]/route.ts → /batches/{id}; route groups `(x)` are dropped. */
function routePathOf(file: string): string {
  const segments = path
    .relative(API_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}"));
  return "/" + segments.join("/");
}

function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  const names = HTTP_METHODS.join("|");
  for (const m of source.matchAll(new RegExp(`export\\s+(?:const|let|var)\\s+(${names})\\b`, "g"))) methods.add(m[1]!);
  for (const m of source.matchAll(new RegExp(`export\\s+(?:async\\s+)?function\\s*\\*?\\s*(${names})\\b`, "g")))
    methods.add(m[1]!);
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && (HTTP_METHODS as readonly string[]).includes(name)) methods.add(name);
    }
  }
  return [...methods].sort();
}

type Operation = { path: string; method: string };
const key = (op: Operation) => `${op.method} ${op.path}`;

function routeOperations(): { operations: Operation[]; files: string[] } {
  const files = findRouteFiles(API_DIR);
  const operations: Operation[] = [];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    const routePath = routePathOf(file);
    const expansion = EXPANSIONS.find((e) => e.route === routePath);
    const paths = expansion
      ? expansion.values(source).map((v) => routePath.replace(`{${expansion.param}}`, v))
      : [routePath];
    if (expansion && paths.length === 0)
      throw new Error(`Could not read the values of {${expansion.param}} in ${path.relative(ROOT, file)}`);
    for (const method of exportedMethods(source)) for (const p of paths) operations.push({ path: p, method });
  }
  return { operations, files };
}

type OpenApiDoc = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};

function loadDoc(): OpenApiDoc {
  return JSON.parse(fs.readFileSync(DOC_PATH, "utf8")) as OpenApiDoc;
}

function docOperations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item)
      .filter((k) => DOC_METHODS.has(k))
      .map((method) => ({ path: p, method: method.toUpperCase() })),
  );
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe("docs/openapi.json", () => {
  it("is valid JSON with openapi 3.1.0", () => {
    const text = fs.readFileSync(DOC_PATH, "utf8");
    expect(() => JSON.parse(text)).not.toThrow();
    const doc = loadDoc();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths && typeof doc.paths).toBe("object");
  });

  it("derives route paths and methods the way Next.js does", () => {
    expect(routePathOf(path.join(API_DIR, "batches/[id]/progress/route.ts"))).toBe("/batches/{id}/progress");
    expect(routePathOf(path.join(API_DIR, "reports/skus-sem-foto.csv/route.ts"))).toBe("/reports/skus-sem-foto.csv");
    expect(exportedMethods("export const GET = apiHandler(); export async function POST() {}")).toEqual([
      "GET",
      "POST",
    ]);
    expect(exportedMethods("const handler = x; export { handler as GET, handler as POST };")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const runtime = 'nodejs'; export const maxDuration = 300;")).toEqual([]);
  });

  it("maps batches/[id]/[action] to its six concrete control paths", () => {
    const { operations } = routeOperations();
    const control = operations
      .filter((o) => /^\/batches\/\{id\}\/(start|pause|resume|cancel|force-start|reprocess)$/.test(o.path))
      .map(key)
      .sort();
    expect(control).toEqual(
      ["cancel", "force-start", "pause", "reprocess", "resume", "start"].map((a) => `POST /batches/{id}/${a}`),
    );
    expect(operations.some((o) => o.path.includes("{action}"))).toBe(false);
  });

  it("documents every route and method under app/api/v1", () => {
    const { operations, files } = routeOperations();
    expect(files.length).toBeGreaterThan(0);
    const documented = new Set(docOperations(loadDoc()).map(key));
    const missing = operations.map(key).filter((k) => !documented.has(k));
    expect(missing, `Routes missing from docs/openapi.json: ${missing.join(", ")}`).toEqual([]);
  });

  it("documents no path or method that no longer exists", () => {
    const existing = new Set(routeOperations().operations.map(key));
    const stale = docOperations(loadDoc())
      .map(key)
      .filter((k) => !existing.has(k));
    expect(stale, `Documented but not served: ${stale.join(", ")}`).toEqual([]);
  });

  it("declares each path template parameter and resolves every $ref", () => {
    const doc = loadDoc();
    for (const [p, item] of Object.entries(doc.paths)) {
      const declared = new Set(
        [item.parameters, ...Object.values(item).map((op) => (op as { parameters?: unknown }).parameters)]
          .flatMap((list) => (Array.isArray(list) ? (list as { name: string; in: string }[]) : []))
          .filter((param) => param.in === "path")
          .map((param) => param.name),
      );
      for (const [, name] of p.matchAll(/\{(\w+)\}/g))
        expect(declared.has(name!), `${p}: path parameter {${name}} not declared`).toBe(true);
    }
    const unresolved = collectRefs(doc).filter((ref) => {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      return !section || !name || doc.components?.[section]?.[name] === undefined;
    });
    expect([...new Set(unresolved)]).toEqual([]);
  });
});
