import type { CatalogFilters } from "@/lib/catalog/catalog-filters";
import type { DuplicateFilters } from "@/lib/duplicates/schemas";

/** The one query key factory of the client: every useQuery/invalidate goes through it. */
export const queryKeys = {
  brands: () => ["brands"] as const,
  collections: (brandId: string | null) => ["collections", brandId ?? "all"] as const,
  batches: {
    all: () => ["batches"] as const,
    /** The Lotes list; with "mostrar excluídos" a separate entry that also holds the soft-deleted batches. */
    list: (includeDeleted = false) =>
      includeDeleted ? (["batches", "list", "with-deleted"] as const) : (["batches", "list"] as const),
    detail: (id: string) => ["batches", "detail", id] as const,
    progress: (id: string) => ["batches", "progress", id] as const,
  },
  carteira: {
    import: (id: string) => ["carteira", "import", id] as const,
  },
  reconciliation: {
    all: () => ["reconciliation"] as const,
    candidates: (imageId: string) => ["reconciliation", "candidates", imageId] as const,
    search: (imageId: string, q: string) => ["reconciliation", "search", imageId, q] as const,
    run: (runId: string) => ["reconciliation", "run", runId] as const,
    /** GET /api/v1/images/{id}/text (the text and codes read on the photo). */
    text: (imageId: string) => ["reconciliation", "text", imageId] as const,
  },
  images: {
    all: () => ["images"] as const,
    byBatch: (batchId: string, processingStatus: string | null) =>
      ["images", "batch", batchId, processingStatus ?? "ALL"] as const,
    /** Keyed by the parsed filters (unset ones absent), so the server's prefetch and the page's hook agree. */
    catalog: (filters: CatalogFilters) => ["images", "catalog", filters] as const,
    /** The facets ignore the order, so they are keyed without it. */
    facets: (filters: Omit<CatalogFilters, "sort">) => ["images", "facets", filters] as const,
    /** The por SKU groups (GET /api/v1/products/groups), under "images" so photo edits refresh them too. */
    groups: (filters: Omit<CatalogFilters, "sort">) => ["images", "groups", filters] as const,
    detail: (id: string) => ["images", "detail", id] as const,
    /** A generation job's thumbnails: its batch's photos by id (lib/queries/generation.ts). */
    generated: (batchId: string) => ["images", "generated", batchId] as const,
    /** Review groups of possible near-duplicates under the page's filters. */
    duplicates: (filters: DuplicateFilters) => ["images", "duplicates", filters] as const,
  },
  /** AI vision runs (lib/queries/ai-runs.ts): the list, one run's detail and its per-image log. */
  aiRuns: {
    all: () => ["aiRuns"] as const,
    list: () => ["aiRuns", "list"] as const,
    detail: (id: string) => ["aiRuns", "detail", id] as const,
    items: (id: string, status: string | null) => ["aiRuns", "items", id, status ?? "ALL"] as const,
    itemsOf: (id: string) => ["aiRuns", "items", id] as const,
    estimate: (body: string) => ["aiRuns", "estimate", body] as const,
  },
  /** Image generation (lib/queries/generation.ts): jobs, one job's detail, a preview, the keys' stats, a job's thumbnails. */
  generation: {
    all: () => ["generation"] as const,
    jobs: () => ["generation", "jobs"] as const,
    job: (id: string) => ["generation", "job", id] as const,
    preview: (signature: string) => ["generation", "preview", signature] as const,
    keyStats: () => ["generation", "key-stats"] as const,
  },
  bulk: {
    run: (runId: string) => ["bulk", "run", runId] as const,
  },
  /** Batch analytics (lib/queries/batch-analytics.ts): status, health, error analysis and chunks of one batch. */
  batchAnalytics: {
    of: (id: string) => ["batches", "analytics", id] as const,
    status: (id: string) => ["batches", "analytics", id, "status"] as const,
    health: (id: string) => ["batches", "analytics", id, "health"] as const,
    analysis: (id: string) => ["batches", "analytics", id, "analysis"] as const,
    chunks: (id: string) => ["batches", "analytics", id, "chunks"] as const,
  },
  /** System and queue administration (lib/queries/system.ts): stats, queue status, last hour's throughput. */
  system: {
    all: () => ["system"] as const,
    stats: (includeSoftDeleted: boolean) => ["system", "stats", includeSoftDeleted] as const,
    queueStatus: () => ["system", "queue-status"] as const,
    throughput: () => ["system", "throughput"] as const,
  },
  /** Exports (lib/queries/exports.ts): a batch's export summary (rows and size per format), other exports' size estimates, export jobs. */
  exports: {
    batchSummary: (batchId: string) => ["exports", "batch-summary", batchId] as const,
    job: (id: string) => ["exports", "job", id] as const,
    estimate: (url: string) => ["exports", "estimate", url] as const,
  },
  /** AI content of a photo or a product (lib/queries/content.ts): its versions and current one. */
  content: {
    state: (kind: "image" | "product", id: string) => ["content", kind, id] as const,
  },
};
