/** Page sizes shared by the browser's queries and the server's prefetch of their first page (same key, same answer). */
export const BATCH_LIST_PAGE_SIZE = 50;
export const IMAGE_PAGE_SIZE = 200;
