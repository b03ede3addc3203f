-- The words of every photo search text, for the misspelling-tolerant search (issue 12).
-- A search that finds nothing as typed is retried with, for each word of five letters or more, the
-- words of the bank close to it (pg_trgm word similarity on this small table), each then searched
-- as typed in the photo search text (lib/images/search-corrections.ts). Before, the retry compared
-- the misspelt word with the whole search text of photo after photo (the photo trigram index cannot
-- rank by similarity): 48-50 ms p50 at 1,000,000 photos for one word, the exact LIKE 0.3 ms.
-- Kept by the writes: a statement trigger adds the new words of inserted photos (set-wise, so the
-- catalog benchmark seed of a million rows pays once), the row trigger that computes a photo search
-- text adds those of a changed one, and the product trigger those of a renamed product.
-- Words are never removed: a word no photo has any more only costs an empty LIKE.
-- No unique key on purpose: a unique word would make two writers of the same new word wait for each
-- other (and deadlock across statements), and a rare repeat is harmless (the lookup is DISTINCT).
-- Words are runs of letters and digits as pg_trgm splits them, four characters or more, no digit
-- (a SKU or a number is never corrected, see FUZZY_MIN_LENGTH in lib/images/image-filters.ts).
-- Hand-written, not in schema.prisma: the client reads it through SQL only.

CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL
);

CREATE INDEX "SearchWord_word_idx" ON "SearchWord" ("word");

CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING gin ("word" gin_trgm_ops);

CREATE OR REPLACE FUNCTION vitrine_search_words(search_text text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT DISTINCT w FROM regexp_split_to_table(coalesce(search_text, ''), '[^[:alnum:]]+') AS w
    WHERE length(w) >= 4 AND w !~ '[0-9]' $fn$;

CREATE OR REPLACE FUNCTION vitrine_add_search_words(words text[]) RETURNS void
  LANGUAGE sql
  AS $fn$ INSERT INTO "SearchWord" ("word")
    SELECT DISTINCT w FROM unnest(words) AS w
    WHERE w IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "SearchWord" s WHERE s."word" = w) $fn$;

CREATE OR REPLACE FUNCTION vitrine_search_words_insert_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  PERFORM vitrine_add_search_words(array(
    SELECT DISTINCT w FROM vitrine_new_rows n CROSS JOIN LATERAL vitrine_search_words(n."searchText") AS w))\073
  RETURN NULL\073
END';

CREATE TRIGGER "Image_search_words_insert" AFTER INSERT ON "Image"
  REFERENCING NEW TABLE AS vitrine_new_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_search_words_insert_trigger();

-- The text_candidates migration version, plus the words of a changed text.
CREATE OR REPLACE FUNCTION vitrine_image_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  NEW."searchText" := concat_ws('' '',
    vitrine_image_search_text(NEW."originalName", NEW."skuBase", NEW."aiTitle", NEW."aiDescription", NEW."aiTags",
      concat_ws('' '', NEW."aiOcrText", vitrine_codes_text(NEW."aiCodes"))),
    (SELECT vitrine_product_search_text(p."sku", p."nomePeca") FROM "Product" p WHERE p.id = NEW."productId"))\073
  IF TG_OP = ''UPDATE'' AND NEW."searchText" IS DISTINCT FROM OLD."searchText" THEN
    PERFORM vitrine_add_search_words(array(
      SELECT vitrine_search_words(NEW."searchText") EXCEPT SELECT vitrine_search_words(OLD."searchText")))\073
  END IF\073
  RETURN NEW\073
END';

-- The text_candidates migration version, plus the words of the renamed products.
CREATE OR REPLACE FUNCTION vitrine_product_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  UPDATE "Image" i SET "searchText" = concat_ws('' '',
      vitrine_image_search_text(i."originalName", i."skuBase", i."aiTitle", i."aiDescription", i."aiTags",
        concat_ws('' '', i."aiOcrText", vitrine_codes_text(i."aiCodes"))),
      vitrine_product_search_text(nr."sku", nr."nomePeca"))
  FROM vitrine_new_rows nr JOIN vitrine_old_rows o ON o.id = nr.id
  WHERE i."productId" = nr.id AND (o."sku", o."nomePeca") IS DISTINCT FROM (nr."sku", nr."nomePeca")\073
  PERFORM vitrine_add_search_words(array(
    SELECT DISTINCT w FROM vitrine_new_rows nr JOIN vitrine_old_rows o ON o.id = nr.id
    CROSS JOIN LATERAL vitrine_search_words(vitrine_product_search_text(nr."sku", nr."nomePeca")) AS w
    WHERE (o."sku", o."nomePeca") IS DISTINCT FROM (nr."sku", nr."nomePeca")))\073
  RETURN NULL\073
END';

-- The words of the photos already in the bank.
SELECT vitrine_add_search_words(array(
  SELECT DISTINCT w FROM "Image" i CROSS JOIN LATERAL vitrine_search_words(i."searchText") AS w));
