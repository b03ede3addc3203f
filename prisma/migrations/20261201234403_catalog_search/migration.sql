-- DropIndex
DROP INDEX "Image_skuBase_idx";

-- CreateIndex
CREATE INDEX "Image_skuBase_sequence_id_idx" ON "Image"("skuBase", "sequence", "id");

-- CreateIndex
CREATE INDEX "Image_originalName_id_idx" ON "Image"("originalName", "id");

-- CreateIndex
CREATE INDEX "Image_brandId_id_idx" ON "Image"("brandId", "id");

-- CreateIndex
CREATE INDEX "Image_createdAt_idx" ON "Image"("createdAt");

-- Catalog search: accent- and case-insensitive substring and typo-tolerant matching with the
-- contrib modules unaccent and pg_trgm (shipped with PostgreSQL, including the embedded build).
-- Statements here hold no semicolon of their own: the migration runner splits the file on them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could be edited), so it cannot appear in an index. The
-- wrapper names the dictionary and is declared IMMUTABLE. SET search_path FROM CURRENT pins the
-- schemas this migration resolved the extensions in, so an index expression evaluated by autovacuum
-- or pg_restore under another search_path still finds unaccent.
CREATE OR REPLACE FUNCTION vitrine_search_normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path FROM CURRENT
  AS $fn$ SELECT lower(unaccent('unaccent'::regdictionary, value)) $fn$;

-- The searchable text of a photo: file name, sku_base and the AI / editorial text.
CREATE OR REPLACE FUNCTION vitrine_image_search_text(
  original_name text, sku_base text, ai_title text, ai_description text, ai_tags text[], ai_ocr_text text
) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path FROM CURRENT
  AS $fn$ SELECT vitrine_search_normalize(concat_ws(' ', original_name, sku_base, ai_title, ai_description, array_to_string(ai_tags, ' '), ai_ocr_text)) $fn$;

-- The searchable text of a product: its SKU and nome_peca (carteira).
CREATE OR REPLACE FUNCTION vitrine_product_search_text(sku text, nome_peca text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path FROM CURRENT
  AS $fn$ SELECT vitrine_search_normalize(concat_ws(' ', sku, nome_peca)) $fn$;

CREATE INDEX "Image_search_trgm_idx" ON "Image" USING gin (
  vitrine_image_search_text("originalName", "skuBase", "aiTitle", "aiDescription", "aiTags", "aiOcrText") gin_trgm_ops
);

CREATE INDEX "Product_search_trgm_idx" ON "Product" USING gin (vitrine_product_search_text("sku", "nomePeca") gin_trgm_ops);
