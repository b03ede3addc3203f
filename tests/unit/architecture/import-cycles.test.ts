import path from "node:path";
import { describe, expect, it } from "vitest";
import { listSources, repoRoot as root, runtimeImports } from "../../support/import-graph";

/**
 * Runtime import cycles under lib/ make module order matter (a value read before its module ran is
 * undefined) and couple areas that should not know each other. `import type` is erased at compile
 * time, so it is not an edge here.
 */
const libDir = path.join(root, "lib");
const libImports = (file: string) => runtimeImports(file).filter((target) => target.startsWith(libDir));

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
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
  });

  it("has no runtime import cycle", () => {
    const graph = new Map(listSources(libDir).map((file) => [file, libImports(file)]));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)).join(", "));
    expect(cycles).toEqual([]);
  });
});
