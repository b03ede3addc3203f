-- Exact catalog facets without reading the images: "ImageFacetCount" counts the photos per
-- (brand, collection, status, match status, processing status, AI status), kept by the same
-- statement triggers as ImageCount (image_counts migration), one slot per backend (pid % 16). A
-- facet request whose filters are only these dimensions (none, a collection, a status …) sums a
-- few thousand rows instead of sampling a tenth of the table's blocks (0.5–1.1 s at 1,000,000).
-- The AI status is lib/images/ai-status.ts's rule (AI_STATUS_SQL). Not in schema.prisma: read by
-- $queryRaw only (lib/images/image-facets.ts), its nullable brand/collection need a unique index
-- with NULLS NOT DISTINCT, which the schema language cannot say.
-- Function bodies are E'' strings with \073 for each semicolon (see the image_counts migration).

CREATE TABLE "ImageFacetCount" (
    "brandId" uuid,
    "collectionId" uuid,
    "status" "ImageStatus" NOT NULL,
    "matchStatus" "MatchStatus" NOT NULL,
    "processingStatus" "ProcessingStatus" NOT NULL,
    "aiStatus" text NOT NULL,
    "slot" integer NOT NULL,
    "n" bigint NOT NULL
);

CREATE UNIQUE INDEX "ImageFacetCount_key" ON "ImageFacetCount"
  ("brandId", "collectionId", "status", "matchStatus", "processingStatus", "aiStatus", "slot") NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION vitrine_image_counts_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'DECLARE
  columns text := ''"processingStatus", "status", "matchStatus", "productId", "collectionId", "brandId",
    CASE WHEN "aiError" IS NOT NULL THEN ''''FAILED'''' WHEN "status" = ''''PENDENTE_ANALISE_IA'''' THEN ''''QUEUED''''
         WHEN "aiAnalyzedAt" IS NOT NULL THEN ''''ANALYZED'''' ELSE ''''NONE'''' END AS "aiStatus"''\073
  source text\073
BEGIN
  source := CASE TG_OP
    WHEN ''INSERT'' THEN ''SELECT '' || columns || '', 1 AS delta FROM vitrine_new_rows''
    WHEN ''DELETE'' THEN ''SELECT '' || columns || '', -1 AS delta FROM vitrine_old_rows''
    ELSE ''SELECT '' || columns || '', 1 AS delta FROM vitrine_new_rows
          UNION ALL SELECT '' || columns || '', -1 FROM vitrine_old_rows''
  END\073
  EXECUTE format($sql$
    WITH d AS (%s),
    counts AS (
      INSERT INTO "ImageCount" AS c ("processingStatus", "status", "matchStatus", "slot", "n")
      SELECT "processingStatus", "status", "matchStatus", pg_backend_pid() %% 16, sum(delta) FROM d
      GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT ("processingStatus", "status", "matchStatus", "slot") DO UPDATE SET "n" = c."n" + excluded."n"
      RETURNING 1),
    facets AS (
      INSERT INTO "ImageFacetCount" AS c ("brandId", "collectionId", "status", "matchStatus", "processingStatus", "aiStatus", "slot", "n")
      SELECT "brandId", "collectionId", "status", "matchStatus", "processingStatus", "aiStatus", pg_backend_pid() %% 16, sum(delta) FROM d
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("brandId", "collectionId", "status", "matchStatus", "processingStatus", "aiStatus", "slot")
      DO UPDATE SET "n" = c."n" + excluded."n"
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

CREATE OR REPLACE FUNCTION vitrine_image_counts_truncate() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  DELETE FROM "ImageCount"\073
  DELETE FROM "ImageFacetCount"\073
  UPDATE "ProductPhotoCount" SET "n" = 0 WHERE "n" <> 0\073
  RETURN NULL\073
END';

-- The counts of the rows already there.
INSERT INTO "ImageFacetCount" ("brandId", "collectionId", "status", "matchStatus", "processingStatus", "aiStatus", "slot", "n")
SELECT "brandId", "collectionId", "status", "matchStatus", "processingStatus",
       CASE WHEN "aiError" IS NOT NULL THEN 'FAILED' WHEN "status" = 'PENDENTE_ANALISE_IA' THEN 'QUEUED'
            WHEN "aiAnalyzedAt" IS NOT NULL THEN 'ANALYZED' ELSE 'NONE' END, 0, count(*)
FROM "Image" GROUP BY 1, 2, 3, 4, 5, 6;
