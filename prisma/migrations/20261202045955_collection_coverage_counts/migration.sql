-- CreateTable
CREATE TABLE "CollectionCoverageCount" (
    "collectionId" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "total" BIGINT NOT NULL,
    "withPhoto" BIGINT NOT NULL,

    CONSTRAINT "CollectionCoverageCount_pkey" PRIMARY KEY ("collectionId","slot")
);

-- The coverage report and the dashboard read a row per collection instead of counting 100,000
-- products and their ProductPhotoCount rows on every request. "total": the collection's products
-- (a statement trigger on "Product": +1 per new row, -1 per old row, so a move between
-- collections is -1 there and +1 here). "withPhoto": its products whose ProductPhotoCount is above
-- zero (a statement trigger on "ProductPhotoCount", which the image and product triggers keep: a
-- count crossing zero, a recount after a move, a cascade delete). Each connection adds to its own
-- slot (pg_backend_pid() % 16), as ImageCount does. No foreign key: deleting a collection deletes
-- its products in the same statement, and their trigger still adds its (negative) delta, and readers
-- join "Collection", so a deleted collection's rows are never read.
-- Function bodies are E'' strings with \073 for each semicolon (the migration runner splits this
-- file on semicolons), '' is one quote.

CREATE OR REPLACE FUNCTION vitrine_collection_totals_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'DECLARE
  source text\073
BEGIN
  source := CASE TG_OP
    WHEN ''INSERT'' THEN ''SELECT "collectionId", 1 AS delta FROM vitrine_new_rows''
    WHEN ''DELETE'' THEN ''SELECT "collectionId", -1 AS delta FROM vitrine_old_rows''
    ELSE ''SELECT "collectionId", 1 AS delta FROM vitrine_new_rows UNION ALL SELECT "collectionId", -1 FROM vitrine_old_rows''
  END\073
  EXECUTE format($sql$
    INSERT INTO "CollectionCoverageCount" AS c ("collectionId", "slot", "total", "withPhoto")
    SELECT "collectionId", pg_backend_pid() %% 16, sum(delta), 0 FROM (%s) d
    WHERE "collectionId" IS NOT NULL GROUP BY 1 HAVING sum(delta) <> 0 ORDER BY 1
    ON CONFLICT ("collectionId", "slot") DO UPDATE SET "total" = c."total" + excluded."total"
  $sql$, source)\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION vitrine_collection_with_photo_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'DECLARE
  source text\073
BEGIN
  source := CASE TG_OP
    WHEN ''INSERT'' THEN ''SELECT "collectionId", 1 AS delta FROM vitrine_new_rows WHERE n > 0''
    WHEN ''DELETE'' THEN ''SELECT "collectionId", -1 AS delta FROM vitrine_old_rows WHERE n > 0''
    ELSE ''SELECT "collectionId", 1 AS delta FROM vitrine_new_rows WHERE n > 0 UNION ALL SELECT "collectionId", -1 FROM vitrine_old_rows WHERE n > 0''
  END\073
  EXECUTE format($sql$
    INSERT INTO "CollectionCoverageCount" AS c ("collectionId", "slot", "total", "withPhoto")
    SELECT "collectionId", pg_backend_pid() %% 16, 0, sum(delta) FROM (%s) d
    WHERE "collectionId" IS NOT NULL GROUP BY 1 HAVING sum(delta) <> 0 ORDER BY 1
    ON CONFLICT ("collectionId", "slot") DO UPDATE SET "withPhoto" = c."withPhoto" + excluded."withPhoto"
  $sql$, source)\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION vitrine_collection_coverage_truncate() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  IF TG_TABLE_NAME = ''Product'' THEN
    DELETE FROM "CollectionCoverageCount"\073
  ELSE
    UPDATE "CollectionCoverageCount" SET "withPhoto" = 0 WHERE "withPhoto" <> 0\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Product_collection_totals_insert" AFTER INSERT ON "Product"
  REFERENCING NEW TABLE AS vitrine_new_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_totals_trigger();

CREATE TRIGGER "Product_collection_totals_update" AFTER UPDATE ON "Product"
  REFERENCING OLD TABLE AS vitrine_old_rows NEW TABLE AS vitrine_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_totals_trigger();

CREATE TRIGGER "Product_collection_totals_delete" AFTER DELETE ON "Product"
  REFERENCING OLD TABLE AS vitrine_old_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_totals_trigger();

CREATE TRIGGER "Product_collection_totals_truncate" AFTER TRUNCATE ON "Product"
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_coverage_truncate();

CREATE TRIGGER "ProductPhotoCount_coverage_insert" AFTER INSERT ON "ProductPhotoCount"
  REFERENCING NEW TABLE AS vitrine_new_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_with_photo_trigger();

CREATE TRIGGER "ProductPhotoCount_coverage_update" AFTER UPDATE ON "ProductPhotoCount"
  REFERENCING OLD TABLE AS vitrine_old_rows NEW TABLE AS vitrine_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_with_photo_trigger();

CREATE TRIGGER "ProductPhotoCount_coverage_delete" AFTER DELETE ON "ProductPhotoCount"
  REFERENCING OLD TABLE AS vitrine_old_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_with_photo_trigger();

CREATE TRIGGER "ProductPhotoCount_coverage_truncate" AFTER TRUNCATE ON "ProductPhotoCount"
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_collection_coverage_truncate();

-- The counts of the rows already there.
INSERT INTO "CollectionCoverageCount" ("collectionId", "slot", "total", "withPhoto")
SELECT p."collectionId", 0, count(*), count(*) FILTER (WHERE pc.n > 0 AND pc."collectionId" = p."collectionId")
FROM "Product" p LEFT JOIN "ProductPhotoCount" pc ON pc."productId" = p.id
WHERE p."collectionId" IS NOT NULL GROUP BY 1;
