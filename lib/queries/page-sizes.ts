/** Page sizes shared by the browser's queries and the server's prefetch of their first page (same key, same answer). */
export const BATCH_LIST_PAGE_SIZE = 50;
export const IMAGE_PAGE_SIZE = 200;
/** Photos per page of the catalog grid (about four screens of cards at 1440 px). */
export const CATALOG_PAGE_SIZE = 100;
/** Groups per page of the catalog's por SKU view (up to 8 photos each). */
export const CATALOG_GROUPS_PAGE_SIZE = 30;
/** Groups per page of the near-duplicate review (each group shows its photos side by side). */
export const DUPLICATE_GROUPS_PAGE_SIZE = 10;
/** Candidates shown per photo in Conciliação, and how many photos past the current one have theirs fetched ahead. */
export const CANDIDATES_SHOWN = 5;
export const CANDIDATES_PREFETCH_AHEAD = 2;
/** AI runs per page of the runs page, and photos per page of a run's log. */
export const AI_RUNS_PAGE_SIZE = 25;
export const AI_RUN_ITEMS_PAGE_SIZE = 50;
