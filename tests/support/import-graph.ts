import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The repository's own import graph, read from the sources (for the architecture tests). */
export const repoRoot = path.resolve(__dirname, "../..");

const SKIPPED_DIRS = new Set(["generated", "node_modules", ".next", ".data"]);

export function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return SKIPPED_DIRS.has(entry) ? [] : listSources(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".d.ts") ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(repoRoot, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;

/**
 * The repository files `file` imports; `import type` only with `withTypes` (it is erased at compile
 * time, so it is no run-time edge, but it still ties one module's code to the other's).
 */
export function importsOf(file: string, { withTypes }: { withTypes: boolean }): string[] {
  const text = readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    if (match[2] && !withTypes) continue;
    const resolved = resolveImport(file, match[3]!);
    if (resolved) targets.push(resolved);
  }
  for (const match of text.matchAll(DYNAMIC)) {
    const resolved = resolveImport(file, match[1]!);
    if (resolved) targets.push(resolved);
  }
  return targets;
}

/** The repository files `file` imports at run time. */
export const runtimeImports = (file: string): string[] => importsOf(file, { withTypes: false });

/** Every file reachable from `entries`, not following imports into files `isBoundary` says stop at. */
export function reachableFrom(entries: string[], isBoundary: (file: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of runtimeImports(file)) if (!seen.has(next) && !isBoundary(next)) pending.push(next);
  }
  return seen;
}

/** The file's leading directive ("use client", "use server"), if any. */
export function directiveOf(file: string): string | null {
  return /^\s*(?:\/\/[^\n]*\n\s*)*["'](use client|use server)["']/.exec(readFileSync(file, "utf8"))?.[1] ?? null;
}
