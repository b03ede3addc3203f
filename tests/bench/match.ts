/**
 * Benchmark: match 1,000,000 synthetic filenames against 100,000 synthetic SKUs in one process.
 * Run: npx tsx tests/bench/match.ts [--names N] [--skus N] [--seed N]
 * Prints build time, throughput, outcome counts (and correctness against the generator's intent),
 * peak RSS / heap, and a raw `Map.get(stem)` baseline over the same names for scale.
 */
import { buildSkuIndex, matchFilename, normalizeSkuKey, rankCandidates, type MatchResult } from "@/lib/sku";
import { mulberry32 } from "./lib/prng";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const N_SKUS = arg("skus", 100_000);
const N_NAMES = arg("names", 1_000_000);
const SEED = arg("seed", 20240601);
const rand = mulberry32(SEED);

const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const digits = (n: number) => String(int(10 ** n)).padStart(n, "0");
const LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ";
const letters = (n: number) => Array.from({ length: n }, () => pick([...LETTERS])).join("");

// ---- peak memory sampling (timers cannot fire inside a synchronous loop, so sample inline) ----
let peakRss = 0;
let peakHeap = 0;
function sampleMemory(): void {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
}

// ---- SKUs: realistic shapes, mixed separators ----
const SHAPES: (() => string)[] = [
  () => `${letters(2)}${digits(2)}-${digits(4)}`, // VD24-0123
  () => `${letters(2)}${digits(7)}`, // AB2401234
  () => `${letters(3)}.${digits(2)}.${digits(4)}`, // CAM.24.0456
  () => `${letters(2)}_${digits(2)}_${digits(4)}`, // VD_24_0123
  () => `${letters(3)}-${digits(2)}-${digits(3)}-${letters(1)}`, // BLS-24-012-P
  () => `${digits(8)}`, // 24010123
];
const skuSet = new Set<string>();
const collisionPairs: [string, string][] = [];
while (skuSet.size < N_SKUS) {
  const r = rand();
  if (r < 0.005 && skuSet.size + 2 <= N_SKUS) {
    // deliberate normalised-key collision: AB-12345 and AB12345
    const core = `${letters(2)}${digits(5)}`;
    const dashed = `${core.slice(0, 2)}-${core.slice(2)}`;
    if (!skuSet.has(core) && !skuSet.has(dashed)) {
      skuSet.add(core);
      skuSet.add(dashed);
      collisionPairs.push([dashed, core]);
    }
  } else if (r < 0.01 && skuSet.size > 0) {
    // nested prefixes: VD24-01 and VD24-0123 both exist
    const base = `${letters(2)}${digits(2)}-${digits(2)}`;
    skuSet.add(base);
    if (skuSet.size < N_SKUS) skuSet.add(`${base}${digits(2)}`);
  } else {
    skuSet.add(pick(SHAPES)());
  }
}
const skus = [...skuSet];

// ---- filenames ----
const SUFFIXES = [
  "",
  "_01",
  "_02",
  "_2",
  "-A",
  "-B",
  "_FRENTE",
  "_COSTAS",
  "_DETALHE",
  "_LADO",
  " (2)",
  "_01_FRENTE",
  "_03 (2)",
];
const EXTS = ["jpg", "JPG", "jpeg", "png", "tiff", "webp", "heic"];
type Kind = "known" | "variant" | "unknown" | "ambiguous" | "folder" | "junk";
const names: string[] = new Array(N_NAMES);
const folders: (string | undefined)[] = new Array(N_NAMES);
const intent: (string | null)[] = new Array(N_NAMES); // SKU the generator meant, null = must not match
const kinds: Kind[] = new Array(N_NAMES);

function variant(sku: string): string {
  const r = rand();
  if (r < 0.4) return sku.toLowerCase();
  if (r < 0.7) return sku.replace(/[-.]/g, "_");
  return sku.replace(/[-_.]/g, "");
}
const knownKeys = new Set(skus.map(normalizeSkuKey));
function unknownSku(): string {
  for (;;) {
    const s = pick(SHAPES)();
    if (!knownKeys.has(normalizeSkuKey(s))) return s; // unknown even case/separator-insensitively
  }
}

const tGen = performance.now();
for (let i = 0; i < N_NAMES; i++) {
  const r = rand();
  const ext = pick(EXTS);
  let kind: Kind;
  let name: string;
  let folder: string | undefined;
  let want: string | null = null;
  if (r < 0.7) {
    kind = "known";
    want = pick(skus);
    name = `${want}${pick(SUFFIXES)}.${ext}`;
  } else if (r < 0.8) {
    kind = "variant";
    want = pick(skus);
    name = `${variant(want)}${pick(SUFFIXES)}.${ext}`;
  } else if (r < 0.9) {
    kind = "unknown";
    name = `${unknownSku()}${pick(SUFFIXES)}.${ext}`;
  } else if (r < 0.93) {
    kind = "ambiguous";
    const pair = pick(collisionPairs);
    name = `${pair[1].toLowerCase()}${pick(SUFFIXES)}.${ext}`; // fits both, exact for neither
  } else if (r < 0.98) {
    kind = "folder";
    want = pick(skus);
    folder = `lote-${int(50)}/${want}`;
    name = `${pick(["01", "02", "1", "FRENTE", "COSTAS", "1 (2)", "A"])}.${ext}`;
  } else {
    kind = "junk";
    name = pick([
      `IMG_${digits(4)}.${ext}`,
      `DSC${digits(5)}.${ext}`,
      `._${pick(skus)}.${ext}`,
      ".DS_Store",
      `foto nova ${int(99)}.${ext}`,
    ]);
  }
  names[i] = name;
  folders[i] = folder;
  intent[i] = want;
  kinds[i] = kind;
}
const genMs = performance.now() - tGen;
sampleMemory();
const rssBefore = process.memoryUsage().rss;

// ---- raw baseline: one Map.get of the exact stem per name ----
const tBaseBuild = performance.now();
const rawMap = new Map<string, string>();
for (const s of skus) rawMap.set(s, s);
const baseBuildMs = performance.now() - tBaseBuild;
let baseHits = 0;
const tBase = performance.now();
for (let i = 0; i < N_NAMES; i++) {
  const n = names[i] as string;
  const dot = n.lastIndexOf(".");
  if (rawMap.get(dot > 0 ? n.slice(0, dot) : n) !== undefined) baseHits++;
}
const baseMs = performance.now() - tBase;

// ---- the real thing ----
sampleMemory();
const tBuild = performance.now();
const index = buildSkuIndex(skus);
const buildMs = performance.now() - tBuild;
sampleMemory();

// warm-up on a slice so the JIT settles (not timed)
for (let i = 0; i < Math.min(50_000, N_NAMES); i++)
  matchFilename(index, { filename: names[i] as string, folder: folders[i] });

const counts = { matched: 0, exact: 0, ambiguous: 0, unmatched: 0 };
const perKind = new Map<Kind, { n: number; matched: number; ambiguous: number; unmatched: number }>();
let wrongLinks = 0; // matched a SKU the name does not denote (different normalised key), or nothing was intended
const wrongExamples: string[] = [];
let keyTwinLinks = 0; // matched another SKU with the SAME normalised key as the intended one (e.g. the
// variant text `VD_24_0123` of `VD24-0123` is literally the other SKU `VD_24_0123`): the name cannot tell
// them apart, so the exact text decides — a generator collision, not a matcher error
let missed = 0; // intended SKU exists but not matched
const tMatch = performance.now();
for (let i = 0; i < N_NAMES; i++) {
  const res: MatchResult = matchFilename(index, { filename: names[i] as string, folder: folders[i] });
  if ((i & 16383) === 0) sampleMemory();
  const k = kinds[i] as Kind;
  let pk = perKind.get(k);
  if (pk === undefined) perKind.set(k, (pk = { n: 0, matched: 0, ambiguous: 0, unmatched: 0 }));
  pk.n++;
  pk[res.status]++;
  counts[res.status]++;
  const want = intent[i] ?? null;
  if (res.status === "matched") {
    if (res.exact) counts.exact++;
    if (res.sku !== want) {
      if (want !== null && normalizeSkuKey(res.sku) === normalizeSkuKey(want)) keyTwinLinks++;
      else if (++wrongLinks <= 5)
        wrongExamples.push(`${folders[i] ?? ""}/${names[i]} → ${res.sku} (meant ${want ?? "nothing"})`);
    }
  } else if (want !== null) missed++;
}
const matchMs = performance.now() - tMatch;
sampleMemory();

// ---- ranking (reconciliation screen) over the full SKU list ----
const RANK_QUERIES = 50;
const rankList = skus.map((sku, i) => ({ sku, collectionId: `c${i % 20}`, hasLinkedSiblings: i % 997 === 0 }));
const tRank = performance.now();
for (let q = 0; q < RANK_QUERIES; q++) {
  const n = names[q * 7] as string;
  rankCandidates({ filename: n, skuBase: null }, rankList, { collectionId: "c3", limit: 10 });
}
const rankMs = (performance.now() - tRank) / RANK_QUERIES;
sampleMemory();

// ---- CPU calibration: lets readers compare runs on loaded / different machines ----
const tCal = performance.now();
let acc = 0;
for (let i = 0; i < 1e8; i++) acc = (acc + i) | 0;
const calMs = performance.now() - tCal;

// ---- report ----
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => n.toLocaleString("en-US");
const rate = (n: number, ms: number) => `${fmt(Math.round((n / ms) * 1000))}/s`;
const rows: [string, string][] = [
  ["node", process.version],
  ["seed", String(SEED)],
  [
    "CPU calibration (1e8 int adds)",
    `${calMs.toFixed(0)} ms (~70-100 ms on an idle modern core)${acc === 1 ? "" : ""}`,
  ],
  ["SKUs (distinct)", fmt(index.size)],
  ["filenames", fmt(N_NAMES)],
  ["input generation", `${genMs.toFixed(0)} ms`],
  ["index build (buildSkuIndex)", `${buildMs.toFixed(0)} ms`],
  ["match 1M (matchFilename)", `${matchMs.toFixed(0)} ms`],
  ["match throughput", rate(N_NAMES, matchMs)],
  ["match per name", `${((matchMs * 1000) / N_NAMES).toFixed(2)} µs`],
  ["baseline build (Map of exact SKUs)", `${baseBuildMs.toFixed(0)} ms`],
  ["baseline 1M (Map.get exact stem)", `${baseMs.toFixed(0)} ms (${rate(N_NAMES, baseMs)}, ${fmt(baseHits)} hits)`],
  ["matcher / baseline time ratio", `${(matchMs / baseMs).toFixed(1)}×`],
  ["rankCandidates vs 100k SKUs", `${rankMs.toFixed(1)} ms/query (avg of ${RANK_QUERIES})`],
  ["RSS after input generation", mb(rssBefore)],
  ["peak RSS (sampled)", mb(peakRss)],
  ["peak heapUsed (sampled)", mb(peakHeap)],
  ["outcome matched", `${fmt(counts.matched)} (exact ${fmt(counts.exact)})`],
  ["outcome ambiguous", fmt(counts.ambiguous)],
  ["outcome unmatched", fmt(counts.unmatched)],
  ["wrong auto-links", fmt(wrongLinks)],
  ["links to a same-key twin (exact text)", fmt(keyTwinLinks)],
  ["missed (intended SKU not linked)", fmt(missed)],
];
if (wrongExamples.length > 0) rows.push(["wrong link examples", wrongExamples.join(" | ")]);
const w = Math.max(...rows.map((r) => r[0].length));
console.log("\nSKU matching benchmark");
console.log("-".repeat(w + 40));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log("-".repeat(w + 40));
console.log(
  `${"generated kind".padEnd(12)} ${"n".padStart(9)} ${"matched".padStart(9)} ${"ambiguous".padStart(9)} ${"unmatched".padStart(9)}`,
);
for (const [k, v] of [...perKind.entries()].sort()) {
  console.log(
    `${k.padEnd(12)} ${fmt(v.n).padStart(9)} ${fmt(v.matched).padStart(9)} ${fmt(v.ambiguous).padStart(9)} ${fmt(v.unmatched).padStart(9)}`,
  );
}
