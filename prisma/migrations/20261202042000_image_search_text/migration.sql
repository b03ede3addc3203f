-- The catalog search reads one stored column instead of computing the text per row. Before, a
-- search word was `vitrine_image_search_text(six columns) LIKE …` OR the photo's product among the
-- products whose vitrine_product_search_text matched: a function that cannot be inlined (it pins
-- its search_path), evaluated per row when the planner walks the id order for a common word, and a
-- productId = ANY (array of thousands of ids) scanned element by element per row.
-- "searchText" holds the photo's normalised text followed by its product's (SKU, nome_peca), kept
-- by the writes: a BEFORE row trigger on the photo's own text columns and its productId, and a
-- statement trigger on Product when a SKU or nome_peca changes (its photos are rewritten then). A
-- deleted product sets its photos' productId to NULL, which fires the photo's trigger.
-- Not in schema.prisma (like the trigram indexes): the client never reads or writes it.
-- Function bodies are E'' strings with \073 for each semicolon (the migration runner splits this
-- file on semicolons, see the catalog_search migration). '' is one quote.

ALTER TABLE "Image" ADD COLUMN "searchText" text;

CREATE OR REPLACE FUNCTION vitrine_image_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  NEW."searchText" := concat_ws('' '',
    vitrine_image_search_text(NEW."originalName", NEW."skuBase", NEW."aiTitle", NEW."aiDescription", NEW."aiTags", NEW."aiOcrText"),
    (SELECT vitrine_product_search_text(p."sku", p."nomePeca") FROM "Product" p WHERE p.id = NEW."productId"))\073
  RETURN NEW\073
END';

CREATE OR REPLACE FUNCTION vitrine_product_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  UPDATE "Image" i SET "searchText" = concat_ws('' '',
      vitrine_image_search_text(i."originalName", i."skuBase", i."aiTitle", i."aiDescription", i."aiTags", i."aiOcrText"),
      vitrine_product_search_text(nr."sku", nr."nomePeca"))
  FROM vitrine_new_rows nr JOIN vitrine_old_rows o ON o.id = nr.id
  WHERE i."productId" = nr.id AND (o."sku", o."nomePeca") IS DISTINCT FROM (nr."sku", nr."nomePeca")\073
  RETURN NULL\073
END';

CREATE TRIGGER "Image_search_text" BEFORE INSERT OR UPDATE OF "originalName", "skuBase", "aiTitle", "aiDescription", "aiTags", "aiOcrText", "productId"
  ON "Image" FOR EACH ROW EXECUTE FUNCTION vitrine_image_search_text_trigger();

CREATE TRIGGER "Product_search_text" AFTER UPDATE ON "Product"
  REFERENCING OLD TABLE AS vitrine_old_rows NEW TABLE AS vitrine_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_product_search_text_trigger();

-- The rows already there.
UPDATE "Image" i SET "searchText" = concat_ws(' ',
    vitrine_image_search_text(i."originalName", i."skuBase", i."aiTitle", i."aiDescription", i."aiTags", i."aiOcrText"),
    (SELECT vitrine_product_search_text(p."sku", p."nomePeca") FROM "Product" p WHERE p.id = i."productId"));

DROP INDEX "Image_search_trgm_idx";

CREATE INDEX "Image_searchText_trgm_idx" ON "Image" USING gin ("searchText" gin_trgm_ops);
