import "server-only";
import pLimit from "p-limit";
import { getPrisma, Prisma } from "@/lib/db/client";
import { buildAngleIndex, resolveAngle, shotListPercent } from "./aliases";
import type { ShotListReportQuery } from "./schemas";

export type ShotListFilter = Omit<ShotListReportQuery, "cursor" | "limit">;

type ScopeList = {
  id: string;
  /** null: the bank's list (every collection of the scope). */
  collectionId: string | null;
  categoria: string;
  angles: { name: string; aliases: string[] }[];
};

/** The shot lists a report reads (those of the collections the filter keeps, and the bank's), each with its angles in order. */
export type ShotListScope = {
  lists: ScopeList[];
  listById: Map<string, ScopeList>;
  /** The collections the report covers: those with a list, or every one the filter keeps when the bank has a list. */
  collections: { id: string; name: string; brandName: string }[];
  collectionById: Map<string, { id: string; name: string; brandName: string }>;
  /** sequenceMap's answer, read once per scope (an export reads many pages with one scope). */
  sequenceMap?: Promise<SequenceMap>;
};
type SequenceMap = { listIds: string[]; sequences: string[]; positions: number[] };

/** Collections whose sequences are read at once (each a short index probe; the pool serves the rest of the app too). */
const SEQUENCE_PROBES = 4;

export async function loadShotListScope(
  filter: Pick<ShotListFilter, "brandId" | "collectionId">,
): Promise<ShotListScope> {
  const prisma = getPrisma();
  const inFilter = {
    ...(filter.collectionId ? { id: filter.collectionId } : {}),
    ...(filter.brandId ? { brandId: filter.brandId } : {}),
  };
  const angles = { orderBy: { position: "asc" }, select: { name: true, aliases: true } } as const;
  const [own, bank] = await Promise.all([
    prisma.shotList.findMany({
      where: { collection: { is: inFilter } },
      orderBy: [{ collection: { brand: { name: "asc" } } }, { collection: { name: "asc" } }, { categoria: "asc" }],
      select: {
        id: true,
        collectionId: true,
        categoria: true,
        collection: { select: { name: true, brand: { select: { name: true } } } },
        angles,
      },
    }),
    prisma.shotList.findMany({
      where: { collectionId: null },
      orderBy: { categoria: "asc" },
      select: { id: true, collectionId: true, categoria: true, angles },
    }),
  ]);
  const collections = new Map<string, { id: string; name: string; brandName: string }>();
  if (bank.length > 0) {
    // A bank list covers every collection the filter keeps, with a list of its own or not.
    const all = await prisma.collection.findMany({
      where: inFilter,
      orderBy: [{ brand: { name: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, brand: { select: { name: true } } },
    });
    for (const c of all) collections.set(c.id, { id: c.id, name: c.name, brandName: c.brand.name });
  } else
    for (const l of own)
      collections.set(l.collectionId!, {
        id: l.collectionId!,
        name: l.collection!.name,
        brandName: l.collection!.brand.name,
      });
  const scoped: ScopeList[] = [...own, ...bank].map((l) => ({
    id: l.id,
    collectionId: l.collectionId,
    categoria: l.categoria,
    angles: l.angles,
  }));
  return {
    lists: scoped,
    listById: new Map(scoped.map((l) => [l.id, l])),
    collections: [...collections.values()],
    collectionById: collections,
  };
}

/**
 * Which angle each photo sequence is, per list: the distinct sequences of the READY linked photos
 * of the scope's collections (a collection has a few dozen, whatever its size) resolved here by
 * resolveAngle, then handed to SQL as a (list, sequence, position) table. The matching stays one
 * pure, tested function; PostgreSQL only joins and counts.
 */
function sequenceMap(scope: ShotListScope): Promise<SequenceMap> {
  scope.sequenceMap ??= readSequenceMap(scope);
  return scope.sequenceMap;
}

async function readSequenceMap(scope: ShotListScope): Promise<SequenceMap> {
  // A loose index scan per collection (Image_shot_list_sequence_idx): one probe per distinct
  // sequence instead of reading every photo of the collection.
  // A bank list puts every collection in scope: a few probes at a time, never the whole pool.
  const probe = pLimit(SEQUENCE_PROBES);
  const perCollection = await Promise.all(
    scope.collections.map((c) =>
      probe(async () => {
        const found = await getPrisma().$queryRaw<{ sequence: string }[]>`
        WITH RECURSIVE s(sequence) AS (
          (SELECT i.sequence FROM "Image" i
           WHERE i."collectionId" = ${c.id}::uuid AND i."processingStatus" = 'READY' AND i."productId" IS NOT NULL
             AND i.sequence IS NOT NULL
           ORDER BY i.sequence LIMIT 1)
          UNION ALL
          SELECT (SELECT i.sequence FROM "Image" i
                  WHERE i."collectionId" = ${c.id}::uuid AND i."processingStatus" = 'READY' AND i."productId" IS NOT NULL
                    AND i.sequence > s.sequence
                  ORDER BY i.sequence LIMIT 1)
          FROM s WHERE s.sequence IS NOT NULL
        )
        SELECT sequence FROM s WHERE sequence IS NOT NULL LIMIT 10000`;
        return found.map((r) => ({ collectionId: c.id, sequence: r.sequence }));
      }),
    ),
  );
  const rows = perCollection.flat();
  const byCollection = new Map<string, string[]>();
  for (const r of rows) byCollection.set(r.collectionId, [...(byCollection.get(r.collectionId) ?? []), r.sequence]);
  // A bank list reads the sequences of every collection of the scope.
  const everySequence = [...new Set(rows.map((r) => r.sequence))];
  const listIds: string[] = [];
  const sequences: string[] = [];
  const positions: number[] = [];
  for (const list of scope.lists) {
    const index = buildAngleIndex(list.angles);
    const seen = list.collectionId === null ? everySequence : (byCollection.get(list.collectionId) ?? []);
    for (const sequence of seen) {
      const position = resolveAngle(index, sequence);
      if (position === null) continue;
      listIds.push(list.id);
      sequences.push(sequence);
      positions.push(position);
    }
  }
  return { listIds, sequences, positions };
}

/**
 * The SKUs a shot list applies to, each with its list, its angle count and the positions it has a
 * photo for: a SKU takes its categoria's list (its collection's, else the bank's), else the whole
 * collection's, else the bank's; SKUs no list applies to are not in the report. "Com foto" follows coverage: linked, in the SKU's own
 * collection, processed (READY).
 */
async function skuRowsSql(scope: ShotListScope, filter: ShotListFilter): Promise<Prisma.Sql> {
  const map = await sequenceMap(scope);
  const listIds = scope.lists.map((l) => l.id);
  const conditions: Prisma.Sql[] = [Prisma.sql`p."collectionId" = ANY(${scope.collections.map((c) => c.id)}::uuid[])`];
  if (filter.categoria) conditions.push(Prisma.sql`p.categoria = ${filter.categoria}`);
  if (filter.fornecedor) conditions.push(Prisma.sql`p.extra->>'fornecedor' = ${filter.fornecedor}`);
  return Prisma.sql`
    m AS (SELECT * FROM unnest(${map.listIds}::uuid[], ${map.sequences}::text[], ${map.positions}::int[]) AS m(list_id, sequence, position)),
    sl AS (
      SELECT s.id, s."collectionId", s.categoria, (SELECT count(*) FROM "ShotListAngle" a WHERE a."shotListId" = s.id)::int AS n
      FROM "ShotList" s WHERE s.id = ANY(${listIds}::uuid[])
    ),
    r AS (
      SELECT p.id, p.sku, p."nomePeca", p.categoria, p.extra->>'fornecedor' AS fornecedor, p."collectionId",
             l.id AS list_id, l.n,
             -- The SKU's photos by Image_productId_idx, each looked up in the (small) sequence map:
             -- one index probe per SKU, not one per (SKU, map row).
             ARRAY(
               SELECT DISTINCT x.position FROM (
                 SELECT (SELECT m.position FROM m WHERE m.list_id = l.id AND m.sequence = i.sequence LIMIT 1) AS position
                 FROM "Image" i
                 WHERE i."productId" = p.id AND i."collectionId" = p."collectionId" AND i."processingStatus" = 'READY'
               ) x WHERE x.position IS NOT NULL
             ) AS covered
      FROM "Product" p
      -- The most specific list that applies: the collection's for the categoria, the bank's for the
      -- categoria, the collection's whole list, the bank's whole list.
      JOIN LATERAL (
        SELECT sl.id, sl.n FROM sl
        WHERE (sl."collectionId" = p."collectionId" OR sl."collectionId" IS NULL)
          AND (sl.categoria = '' OR sl.categoria = p.categoria)
        ORDER BY sl.categoria <> '' DESC, sl."collectionId" IS NOT NULL DESC LIMIT 1
      ) l ON TRUE
      WHERE ${Prisma.join(conditions, " AND ")}
    )`;
}

export type ShotListMatrixRow = {
  productId: string;
  sku: string;
  nomePeca: string | null;
  categoria: string | null;
  fornecedor: string | null;
  collectionId: string;
  collectionName: string;
  brandName: string;
  /** The list's angles in order, each with whether the SKU has a photo of it. */
  cells: { angle: string; hasPhoto: boolean }[];
  missing: string[];
  isComplete: boolean;
};

type RawRow = {
  id: string;
  sku: string;
  nomePeca: string | null;
  categoria: string | null;
  fornecedor: string | null;
  collectionId: string;
  list_id: string;
  covered: number[];
};

function toMatrixRow(scope: ShotListScope, r: RawRow): ShotListMatrixRow {
  const list = scope.listById.get(r.list_id)!;
  const collection = scope.collectionById.get(r.collectionId)!;
  const covered = new Set(r.covered);
  const cells = list.angles.map((a, position) => ({ angle: a.name, hasPhoto: covered.has(position) }));
  const missing = cells.filter((c) => !c.hasPhoto).map((c) => c.angle);
  return {
    productId: r.id,
    sku: r.sku,
    nomePeca: r.nomePeca,
    categoria: r.categoria,
    fornecedor: r.fornecedor,
    collectionId: r.collectionId,
    collectionName: collection.name,
    brandName: collection.brandName,
    cells,
    missing,
    isComplete: missing.length === 0,
  };
}

/** The SQL of one matrix page (exported so the scale test can EXPLAIN it). */
export async function matrixPageSql(s: ShotListScope, query: ShotListReportQuery): Promise<Prisma.Sql> {
  const outer: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.incomplete) outer.push(Prisma.sql`cardinality(r.covered) < r.n`);
  if (query.cursor) outer.push(Prisma.sql`r.sku > ${query.cursor}`);
  return Prisma.sql`
    WITH ${await skuRowsSql(s, query)}
    SELECT r.id::text AS id, r.sku, r."nomePeca", r.categoria, r.fornecedor, r."collectionId"::text AS "collectionId",
           r.list_id::text AS list_id, r.covered
    FROM r WHERE ${Prisma.join(outer, " AND ")}
    ORDER BY r.sku
    LIMIT ${query.limit + 1}`;
}

/** One keyset page of the SKU × angle matrix, in SKU order (cursor = the last SKU). */
export async function listShotListMatrix(
  query: ShotListReportQuery,
  scope?: ShotListScope,
): Promise<{ items: ShotListMatrixRow[]; nextCursor: string | null }> {
  const s = scope ?? (await loadShotListScope(query));
  if (s.lists.length === 0) return { items: [], nextCursor: null };
  const rows = await getPrisma().$queryRaw<RawRow[]>(await matrixPageSql(s, query));
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toMatrixRow(s, r)),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.sku ?? null) : null,
  };
}

export type ShotListTotals = {
  totalSkus: number;
  completeSkus: number;
  totalAngles: number;
  anglesWithPhoto: number;
  /** SKUs with every angle, floored whole percent. */
  percentComplete: number;
  /** Angle cells with a photo, floored whole percent. */
  percentAngles: number;
};
export type ShotListGroup = ShotListTotals & { key: string; label: string };
export type ShotListSummary = {
  totals: ShotListTotals;
  byCollection: ShotListGroup[];
  byFornecedor: ShotListGroup[];
  byCategoria: ShotListGroup[];
};

type RawGroup = {
  g_collection: number;
  g_categoria: number;
  g_fornecedor: number;
  collectionId: string | null;
  categoria: string | null;
  fornecedor: string | null;
  total: bigint;
  complete: bigint;
  cells: bigint;
  covered: bigint;
};

export function shotListTotals(counts: {
  total: number;
  complete: number;
  cells: number;
  covered: number;
}): ShotListTotals {
  return {
    totalSkus: counts.total,
    completeSkus: counts.complete,
    totalAngles: counts.cells,
    anglesWithPhoto: counts.covered,
    percentComplete: shotListPercent(counts.complete, counts.total),
    percentAngles: shotListPercent(counts.covered, counts.cells),
  };
}

const EMPTY_TOTALS = shotListTotals({ total: 0, complete: 0, cells: 0, covered: 0 });

/**
 * Completion of the filter's SKUs in one pass (GROUPING SETS): overall, per collection, per
 * fornecedor (the carteira's `fornecedor` column, kept in Product.extra) and per categoria.
 * "Only incomplete" does not apply: it would make every percentage 0.
 */
export async function getShotListSummary(filter: ShotListFilter, scope?: ShotListScope): Promise<ShotListSummary> {
  const s = scope ?? (await loadShotListScope(filter));
  if (s.lists.length === 0) return { totals: EMPTY_TOTALS, byCollection: [], byFornecedor: [], byCategoria: [] };
  const rows = await getPrisma().$queryRaw<RawGroup[]>(await summarySql(s, filter));
  const summary: ShotListSummary = { totals: EMPTY_TOTALS, byCollection: [], byFornecedor: [], byCategoria: [] };
  for (const g of rows) {
    const totals = shotListTotals({
      total: Number(g.total),
      complete: Number(g.complete),
      cells: Number(g.cells),
      covered: Number(g.covered),
    });
    if (g.g_collection === 0) {
      const c = s.collectionById.get(g.collectionId!)!;
      summary.byCollection.push({ key: c.id, label: `${c.brandName} · ${c.name}`, ...totals });
    } else if (g.g_categoria === 0)
      summary.byCategoria.push({ key: g.categoria ?? "", label: g.categoria ?? "", ...totals });
    else if (g.g_fornecedor === 0)
      summary.byFornecedor.push({ key: g.fornecedor ?? "", label: g.fornecedor ?? "", ...totals });
    else summary.totals = totals;
  }
  const order = new Map(s.collections.map((c, i) => [c.id, i]));
  summary.byCollection.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  const byLabel = (a: ShotListGroup, b: ShotListGroup) =>
    a.key === "" ? 1 : b.key === "" ? -1 : a.label.localeCompare(b.label);
  summary.byCategoria.sort(byLabel);
  summary.byFornecedor.sort(byLabel);
  return summary;
}

/** The SQL of the completion summary (exported so the scale test can EXPLAIN it). */
export async function summarySql(s: ShotListScope, filter: ShotListFilter): Promise<Prisma.Sql> {
  return Prisma.sql`
    WITH ${await skuRowsSql(s, filter)}
    SELECT GROUPING(r."collectionId")::int AS g_collection, GROUPING(r.categoria)::int AS g_categoria,
           GROUPING(r.fornecedor)::int AS g_fornecedor,
           r."collectionId"::text AS "collectionId", r.categoria, r.fornecedor,
           count(*) AS total, count(*) FILTER (WHERE cardinality(r.covered) >= r.n) AS complete,
           sum(r.n) AS cells, sum(cardinality(r.covered)) AS covered
    FROM r
    GROUP BY GROUPING SETS ((r."collectionId"), (r.categoria), (r.fornecedor), ())`;
}

/** Distinct fornecedores of the SKUs of collections with a shot list, for the report's filter. */
export async function listShotListFornecedores(scope: ShotListScope): Promise<string[]> {
  if (scope.collections.length === 0) return [];
  const rows = await getPrisma().$queryRaw<{ fornecedor: string }[]>`
    SELECT DISTINCT p.extra->>'fornecedor' AS fornecedor FROM "Product" p
    WHERE p."collectionId" = ANY(${scope.collections.map((c) => c.id)}::uuid[])
      AND p.extra->>'fornecedor' IS NOT NULL AND p.extra->>'fornecedor' <> ''
    ORDER BY 1 LIMIT 500`;
  return rows.map((r) => r.fornecedor);
}
