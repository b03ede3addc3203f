import { recordAudit } from "@/lib/audit/record-audit";
import type { CarteiraParseResult } from "@/lib/carteira/parse";
import { nameKey } from "@/lib/catalog/name-key";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { buildProductRows, hasBlockingIssues, type IncomingProduct } from "./build-product-rows";
import { diffProduct, EMPTY_PRODUCT, type ProductIntent } from "./diff-product";
import { markImportFailed, recordProgress, storedIssues, toImportSummary } from "./import-records";
import type { ImportIssue, ImportSummary } from "./types";
import { uuidv7 } from "./uuid-v7";
import {
  insertHistory,
  insertProducts,
  loadExistingProducts,
  lockCarteiraImports,
  updateProducts,
  upsertBrands,
  upsertCollections,
  type ChangedProductRow,
  type HistoryRow,
  type NewProductRow,
} from "./write-products";

const log = getLogger("CARTEIRA");

export interface ImportCarteiraInput {
  /** The CarteiraImport row (created beforehand) that records this run. */
  importId: string;
  parse: CarteiraParseResult;
  userId: string | null;
  /** Used for rows of files without MARCA / COLEÇÃO columns. */
  defaultBrandId?: string | null;
  defaultCollectionId?: string | null;
  /** Rows per SQL statement. */
  chunkSize?: number;
  /** A 100k-row import may take a while; the transaction must not time out before it ends. */
  transactionTimeoutMs?: number;
  /** Called with the duration of each phase (benchmarks, logs). */
  onPhase?: (phase: string, ms: number) => void;
}

/** Thrown inside the transaction to roll it back when a row problem is found there. */
class RowsRejected extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super("rows rejected");
  }
}

type Defaults = { brandId: string | null; collection: { id: string; brandId: string } | null };

async function loadDefaults(input: ImportCarteiraInput): Promise<Defaults> {
  const prisma = getPrisma();
  const collection = input.defaultCollectionId
    ? await prisma.collection.findUnique({
        where: { id: input.defaultCollectionId },
        select: { id: true, brandId: true },
      })
    : null;
  const brand = input.defaultBrandId
    ? await prisma.brand.findUnique({ where: { id: input.defaultBrandId }, select: { id: true } })
    : null;
  return { brandId: brand?.id ?? collection?.brandId ?? null, collection };
}

/**
 * Writes a parsed carteira into products / brands / collections, all or nothing: one transaction,
 * batched SQL (unnest arrays, `chunkSize` rows per statement). Only carteira fields are written
 * (field separation). Unchanged rows are not written. Any row error → nothing is written and the
 * CarteiraImport row records FAILED with the errors (sheet + line).
 */
export async function importCarteira(input: ImportCarteiraInput): Promise<ImportSummary> {
  const chunkSize = input.chunkSize ?? 5000;
  const { rows, issues } = buildProductRows(input.parse);
  const totalRows = rows.length + issues.filter((i) => i.code === "SKU_MISSING").length;
  if (hasBlockingIssues(issues)) {
    return toImportSummary(
      await markImportFailed(input.importId, {
        issues,
        reason: "A planilha tem erros; nada foi importado.",
        totalRows,
      }),
    );
  }
  const defaults = await loadDefaults(input);
  await recordProgress(input.importId, 0, totalRows);
  try {
    const done = await getPrisma().$transaction(
      async (tx) => {
        await lockCarteiraImports(tx);
        const counts = await writeRows(tx, rows, defaults, { ...input, chunkSize, totalRows });
        const row = await tx.carteiraImport.update({
          where: { id: input.importId },
          data: {
            status: "COMPLETED",
            totalRows,
            processedRows: totalRows,
            createdCount: counts.created,
            updatedCount: counts.updated,
            unchangedCount: counts.unchanged,
            errorCount: 0,
            errors: storedIssues(issues),
            finishedAt: new Date(),
          },
        });
        await recordAudit(
          {
            userId: input.userId,
            action: "CARTEIRA_IMPORT",
            entityType: "CarteiraImport",
            entityId: input.importId,
            data: { ...counts, fileName: row.fileName },
          },
          tx,
        );
        return row;
      },
      { timeout: input.transactionTimeoutMs ?? 10 * 60_000, maxWait: 60_000 },
    );
    return toImportSummary(done);
  } catch (error) {
    if (error instanceof RowsRejected) {
      return toImportSummary(
        await markImportFailed(input.importId, {
          issues: [...issues, ...error.issues],
          reason: "A planilha tem erros; nada foi importado.",
          totalRows,
        }),
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error({ action: "IMPORT_FAILED", importId: input.importId, err: message }, "Falha ao gravar a carteira");
    const issue: ImportIssue = {
      sheet: null,
      line: null,
      code: "INTERNAL",
      message: "Erro ao gravar no banco de dados; nada foi importado.",
      severity: "error",
    };
    return toImportSummary(
      await markImportFailed(input.importId, {
        issues: [issue],
        reason: `Erro ao gravar no banco de dados: ${message}`,
        totalRows,
      }),
    );
  }
}

type WriteContext = ImportCarteiraInput & { chunkSize: number; totalRows: number };

/** nameKey is NFD + regex work: 100k rows share a handful of brand / collection names. */
function memoNameKey(): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let key = cache.get(name);
    if (key === undefined) cache.set(name, (key = nameKey(name)));
    return key;
  };
}

async function writeRows(tx: Prisma.TransactionClient, rows: IncomingProduct[], defaults: Defaults, ctx: WriteContext) {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    ctx.onPhase?.(name, now - mark);
    mark = now;
  };
  const keyOf = memoNameKey();
  const brandsWanted = new Map<string, string>();
  for (const r of rows)
    if (r.brandName && !brandsWanted.has(keyOf(r.brandName))) brandsWanted.set(keyOf(r.brandName), r.brandName);
  const brandIds = await upsertBrands(tx, brandsWanted);
  const existing = await loadExistingProducts(
    tx,
    rows.map((r) => r.sku),
    20_000,
  );
  phase("load");

  // Resolve brand / collection per row; collections need a brand.
  const intents: ProductIntent[] = [];
  const collectionKeys: (string | null)[] = [];
  const collectionsWanted = new Map<string, string>();
  const rejected: ImportIssue[] = [];
  for (const r of rows) {
    let brandId: string | null | undefined = r.brandName
      ? brandIds.get(keyOf(r.brandName))
      : (defaults.brandId ?? undefined);
    let collectionId: string | null | undefined;
    let collectionKey: string | null = null;
    if (r.collectionName) {
      const owner = brandId ?? existing.get(r.sku)?.brandId ?? null;
      if (!owner) {
        rejected.push({
          sheet: r.sheet,
          line: r.line,
          code: "COLLECTION_WITHOUT_BRAND",
          message: `Linha ${r.line}: a coleção "${r.collectionName}" precisa de uma marca (coluna MARCA ou marca padrão).`,
          params: { collection: r.collectionName },
          severity: "error",
        });
      } else {
        collectionKey = `${owner}|${keyOf(r.collectionName)}`;
        if (!collectionsWanted.has(collectionKey)) collectionsWanted.set(collectionKey, r.collectionName);
      }
    } else if (defaults.collection && (brandId === undefined || brandId === defaults.collection.brandId)) {
      collectionId = defaults.collection.id;
      brandId ??= defaults.collection.brandId;
    }
    intents.push({ text: r.text, brandId, collectionId, extra: r.extra });
    collectionKeys.push(collectionKey);
  }
  if (rejected.length > 0) throw new RowsRejected(rejected);
  const collectionIds = await upsertCollections(tx, collectionsWanted);
  collectionKeys.forEach((key, i) => {
    if (key) intents[i]!.collectionId = collectionIds.get(key) ?? null;
  });

  const names = await loadNames(tx, existing, brandIds, collectionIds, defaults);
  phase("resolve");
  const created: NewProductRow[] = [];
  const changed: ChangedProductRow[] = [];
  const history: HistoryRow[] = [];
  let unchanged = 0;
  rows.forEach((r, i) => {
    const current = existing.get(r.sku);
    const { next, changes } = diffProduct(current ?? EMPTY_PRODUCT, intents[i]!, (kind, id) =>
      id ? (names.get(`${kind}:${id}`) ?? id) : null,
    );
    if (!current) {
      const id = uuidv7();
      created.push({ ...next, id, sku: r.sku, skuKey: r.skuKey });
      history.push({ productId: id, sku: r.sku, action: "CREATE", field: null, oldValue: null, newValue: r.sku });
    } else if (changes.length > 0) {
      changed.push({ ...next, id: current.id });
      for (const c of changes) history.push({ productId: current.id, sku: r.sku, action: "UPDATE", ...c });
    } else {
      unchanged++;
    }
  });

  phase("diff");
  let processed = unchanged;
  const report = async (n: number) => {
    processed += n;
    await recordProgress(ctx.importId, processed, ctx.totalRows);
  };
  for (let i = 0; i < created.length; i += ctx.chunkSize) {
    const chunk = created.slice(i, i + ctx.chunkSize);
    await insertProducts(tx, chunk, ctx.importId);
    await report(chunk.length);
  }
  for (let i = 0; i < changed.length; i += ctx.chunkSize) {
    const chunk = changed.slice(i, i + ctx.chunkSize);
    await updateProducts(tx, chunk, ctx.importId);
    await report(chunk.length);
  }
  phase("write");
  for (let i = 0; i < history.length; i += ctx.chunkSize * 2) {
    await insertHistory(tx, history.slice(i, i + ctx.chunkSize * 2), { importId: ctx.importId, userId: ctx.userId });
  }
  phase("history");
  return { created: created.length, updated: changed.length, unchanged };
}

/** Names for the history's old → new brand / collection values. */
async function loadNames(
  tx: Prisma.TransactionClient,
  existing: Map<string, { brandId: string | null; collectionId: string | null }>,
  brandIds: Map<string, string>,
  collectionIds: Map<string, string>,
  defaults: Defaults,
) {
  const brandSet = new Set<string>(brandIds.values());
  const collSet = new Set<string>(collectionIds.values());
  if (defaults.brandId) brandSet.add(defaults.brandId);
  if (defaults.collection) collSet.add(defaults.collection.id);
  for (const p of existing.values()) {
    if (p.brandId) brandSet.add(p.brandId);
    if (p.collectionId) collSet.add(p.collectionId);
  }
  const names = new Map<string, string>();
  if (brandSet.size > 0) {
    for (const b of await tx.brand.findMany({ where: { id: { in: [...brandSet] } }, select: { id: true, name: true } }))
      names.set(`brand:${b.id}`, b.name);
  }
  if (collSet.size > 0) {
    for (const c of await tx.collection.findMany({
      where: { id: { in: [...collSet] } },
      select: { id: true, name: true },
    }))
      names.set(`collection:${c.id}`, c.name);
  }
  return names;
}
