-- CreateTable
CREATE TABLE "ImageCount" (
    "processingStatus" "ProcessingStatus" NOT NULL,
    "status" "ImageStatus" NOT NULL,
    "matchStatus" "MatchStatus" NOT NULL,
    "slot" INTEGER NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "ImageCount_pkey" PRIMARY KEY ("processingStatus","status","matchStatus","slot")
);

-- CreateTable
CREATE TABLE "ProductPhotoCount" (
    "productId" UUID NOT NULL,
    "collectionId" UUID,
    "n" INTEGER NOT NULL,

    CONSTRAINT "ProductPhotoCount_pkey" PRIMARY KEY ("productId")
);

-- CreateIndex
CREATE INDEX "ProductPhotoCount_collectionId_idx" ON "ProductPhotoCount"("collectionId");

-- AddForeignKey
ALTER TABLE "ProductPhotoCount" ADD CONSTRAINT "ProductPhotoCount_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counters kept by the writes themselves, so the dashboard and the coverage report read a few
-- hundred rows instead of counting a million images. Statement-level triggers with transition
-- tables: a bulk UPDATE of 50,000 rows adds one aggregated delta per status triple (and one per
-- product), not 50,000. Each backend adds to its own ImageCount slot (pid % 16): concurrent
-- writers do not queue on one hot row, and readers sum the slots.
-- ProductPhotoCount: a product's READY photos linked in its own collection. The image trigger
-- takes FOR SHARE on the products it touches, so a concurrent change of a product's collection
-- (whose trigger recounts that product) waits for it, or it for that change, and neither misses
-- the other's rows (READ COMMITTED: each statement inside the function reads what is committed).
-- The function bodies are E'' strings with \073 for each semicolon: the migration runner splits
-- this file on semicolons (see the catalog_search migration). '' is one quote.

CREATE OR REPLACE FUNCTION vitrine_image_counts_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'DECLARE
  source text\073
BEGIN
  source := CASE TG_OP
    WHEN ''INSERT'' THEN ''SELECT "processingStatus", "status", "matchStatus", "productId", "collectionId", 1 AS delta FROM vitrine_new_rows''
    WHEN ''DELETE'' THEN ''SELECT "processingStatus", "status", "matchStatus", "productId", "collectionId", -1 AS delta FROM vitrine_old_rows''
    ELSE ''SELECT "processingStatus", "status", "matchStatus", "productId", "collectionId", 1 AS delta FROM vitrine_new_rows
          UNION ALL SELECT "processingStatus", "status", "matchStatus", "productId", "collectionId", -1 FROM vitrine_old_rows''
  END\073
  EXECUTE format($sql$
    WITH d AS (%s),
    counts AS (
      INSERT INTO "ImageCount" AS c ("processingStatus", "status", "matchStatus", "slot", "n")
      SELECT "processingStatus", "status", "matchStatus", pg_backend_pid() %% 16, sum(delta) FROM d
      GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT ("processingStatus", "status", "matchStatus", "slot") DO UPDATE SET "n" = c."n" + excluded."n"
      RETURNING 1),
    linked AS (
      SELECT "productId" AS pid, "collectionId" AS cid, sum(delta) AS delta FROM d
      WHERE "productId" IS NOT NULL AND "collectionId" IS NOT NULL AND "processingStatus" = ''READY''
      GROUP BY 1, 2 HAVING sum(delta) <> 0),
    products AS (
      SELECT p.id, p."collectionId" FROM "Product" p WHERE p.id IN (SELECT pid FROM linked) ORDER BY p.id FOR SHARE)
    INSERT INTO "ProductPhotoCount" AS c ("productId", "collectionId", "n")
    SELECT p.id, p."collectionId", sum(l.delta) FROM linked l JOIN products p ON p.id = l.pid AND p."collectionId" = l.cid
    GROUP BY 1, 2 HAVING sum(l.delta) <> 0 ORDER BY 1
    ON CONFLICT ("productId") DO UPDATE SET "n" = c."n" + excluded."n", "collectionId" = excluded."collectionId"
  $sql$, source)\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION vitrine_product_photo_counts_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "ProductPhotoCount" AS c ("productId", "collectionId", "n")
  SELECT nr.id, nr."collectionId", (
      SELECT count(*) FROM "Image" i
      WHERE i."productId" = nr.id AND i."collectionId" = nr."collectionId" AND i."processingStatus" = ''READY'')::int
  FROM vitrine_new_rows nr JOIN vitrine_old_rows o ON o.id = nr.id
  WHERE o."collectionId" IS DISTINCT FROM nr."collectionId"
  ORDER BY nr.id
  ON CONFLICT ("productId") DO UPDATE SET "n" = excluded."n", "collectionId" = excluded."collectionId"\073
  RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION vitrine_image_counts_truncate() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  DELETE FROM "ImageCount"\073
  UPDATE "ProductPhotoCount" SET "n" = 0 WHERE "n" <> 0\073
  RETURN NULL\073
END';

CREATE TRIGGER "Image_counts_insert" AFTER INSERT ON "Image"
  REFERENCING NEW TABLE AS vitrine_new_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_image_counts_trigger();

CREATE TRIGGER "Image_counts_update" AFTER UPDATE ON "Image"
  REFERENCING OLD TABLE AS vitrine_old_rows NEW TABLE AS vitrine_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_image_counts_trigger();

CREATE TRIGGER "Image_counts_delete" AFTER DELETE ON "Image"
  REFERENCING OLD TABLE AS vitrine_old_rows FOR EACH STATEMENT EXECUTE FUNCTION vitrine_image_counts_trigger();

CREATE TRIGGER "Image_counts_truncate" AFTER TRUNCATE ON "Image"
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_image_counts_truncate();

CREATE TRIGGER "Product_photo_counts_update" AFTER UPDATE ON "Product"
  REFERENCING OLD TABLE AS vitrine_old_rows NEW TABLE AS vitrine_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION vitrine_product_photo_counts_trigger();

-- The counts of the rows already there.
INSERT INTO "ImageCount" ("processingStatus", "status", "matchStatus", "slot", "n")
SELECT "processingStatus", "status", "matchStatus", 0, count(*) FROM "Image" GROUP BY 1, 2, 3;

INSERT INTO "ProductPhotoCount" ("productId", "collectionId", "n")
SELECT p.id, p."collectionId", count(*)::int FROM "Product" p
JOIN "Image" i ON i."productId" = p.id AND i."collectionId" = p."collectionId" AND i."processingStatus" = 'READY'
GROUP BY p.id, p."collectionId";
