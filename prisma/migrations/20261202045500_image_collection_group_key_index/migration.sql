-- GET /api/v1/products/groups?collectionId=… walked the group key index (image_group_key
-- migration) in key order and dropped the photos of the other collections until a page of groups
-- was found: a collection late in key order costs most of the table (134,828 rows removed, 121 ms
-- at 200,000 photos, 157/189 ms p50/p95 at 1,000,000 through HTTP). With the collection first,
-- the walk starts at the collection's first group (1.3 ms at 200,000), and the second query (the
-- page's groups within the collection) reads the same index.
CREATE INDEX "Image_collectionId_group_key_idx" ON "Image" ("collectionId", vitrine_image_group_key("productId", "skuBase"), "sequence", "id");
