-- The catalog's por SKU groups (lib/catalog/list-sku-groups.ts): a photo belongs to its linked
-- product, else to the sku_base read from its file name, else to the group of photos with neither.
-- The key sorts products first (in id order: the order they were created or imported), then the
-- unlinked sku_bases, then the photos without SKU. The index lets a page of groups be read in key
-- order, stopping after the page (keyset on the key), and each group be counted and sampled.
-- Statements here hold no semicolon of their own: the migration runner splits the file on them.
CREATE OR REPLACE FUNCTION vitrine_image_group_key(product_id uuid, sku_base text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT CASE WHEN product_id IS NOT NULL THEN '1:' || product_id::text WHEN sku_base IS NOT NULL THEN '2:' || sku_base ELSE '3:' END $fn$;

CREATE INDEX "Image_group_key_idx" ON "Image" (vitrine_image_group_key("productId", "skuBase"), "sequence", "id");
