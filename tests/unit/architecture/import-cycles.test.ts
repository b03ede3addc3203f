import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, listSources, repoRoot as root } from "../../support/import-graph";

/**
 * Runtime import cycles under lib/ make module order matter (a value read before its module ran is
 * undefined) and couple areas that should not know each other. `import type` is erased at compile
 * time, so it is not an edge here.
 */
const libDir = path.join(root, "lib");
const libImports = (file: string, { withTypes }: { withTypes: boolean }) =>
  importsOf(file, { withTypes }).filter((target) => target.startsWith(libDir));

/** The lib/ area a file belongs to (`lib/batches/x.ts` → "batches"). */
const areaOf = (file: string) => path.relative(libDir, file).split(path.sep)[0]!;

/**
 * Areas that may depend on another but never the reverse, types included (a type import still ties
 * one area's code to the other's): the upload batches drive the image pipeline, the API and action
 * wrappers build on authentication.
 */
const AREA_DIRECTIONS: ReadonlyArray<[dependent: string, dependency: string]> = [
  ["batches", "images"],
  ["api", "auth"],
];

/**
 * Import chains (types included) from files of `area` into files of `forbidden`, directly or through
 * other areas: `lib/images/a.ts → lib/catalog/b.ts → lib/batches/c.ts` ties images to batches too.
 */
function chainsInto(area: string, forbidden: string): string[] {
  const rel = (file: string) => path.relative(root, file);
  const chains: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    for (const target of libImports(file, { withTypes: true })) {
      if (areaOf(target) === forbidden) chains.push([...chain, target].map(rel).join(" → "));
      else if (!seen.has(target)) {
        seen.add(target);
        walk(target, [...chain, target]);
      }
    }
  };
  for (const file of listSources(path.join(libDir, area))) walk(file, [file]);
  return chains;
}

/** Groups of files that import each other in a loop (strongly connected components, Tarjan), each sorted. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("lib/ import graph", () => {
  it("finds a cycle when there is one (the checker itself works)", () => {
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has no runtime import cycle", () => {
    const graph = new Map(listSources(libDir).map((file) => [file, libImports(file, { withTypes: false })]));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)).join(", "));
    expect(cycles).toEqual([]);
  });

  it.each(AREA_DIRECTIONS)("lets lib/%s import lib/%s, never the reverse", (dependent, dependency) => {
    expect(chainsInto(dependency, dependent)).toEqual([]);
  });
});
