-- CreateEnum
CREATE TYPE "DuplicatePairStatus" AS ENUM ('OPEN', 'DISTINCT', 'RESOLVED');

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "duplicateOfId" UUID,
ADD COLUMN     "duplicatesCheckedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ImageDuplicatePair" (
    "aId" UUID NOT NULL,
    "bId" UUID NOT NULL,
    "distance" INTEGER NOT NULL,
    "status" "DuplicatePairStatus" NOT NULL DEFAULT 'OPEN',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageDuplicatePair_pkey" PRIMARY KEY ("aId","bId")
);

-- CreateIndex
CREATE INDEX "ImageDuplicatePair_status_aId_idx" ON "ImageDuplicatePair"("status", "aId");

-- CreateIndex
CREATE INDEX "ImageDuplicatePair_status_bId_idx" ON "ImageDuplicatePair"("status", "bId");

-- CreateIndex
CREATE INDEX "ImageDuplicatePair_bId_idx" ON "ImageDuplicatePair"("bId");

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageDuplicatePair" ADD CONSTRAINT "ImageDuplicatePair_aId_fkey" FOREIGN KEY ("aId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageDuplicatePair" ADD CONSTRAINT "ImageDuplicatePair_bId_fkey" FOREIGN KEY ("bId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Pairs are stored once, the smaller id first.
ALTER TABLE "ImageDuplicatePair" ADD CONSTRAINT "ImageDuplicatePair_order_check" CHECK ("aId" < "bId");

-- Near-duplicate search (lib/duplicates/phash-bands.ts): the 64-bit perceptual hash (16 hex
-- characters) in 4 bands of 16 bits, each band indexed: candidates share a band within one bit and
-- are then checked with the exact Hamming distance. The expression indexes cover every existing
-- photo (the backfill), and the check task finds the pairs of photos not yet checked. Not partial
-- indexes: the planner reads the statistics of an expression index only when it has no predicate,
-- and without them it expects 1,000 times the rows and plans a scan of the table.
-- INCLUDE (hash, id): the search reads its ~1,000 candidates at 1,000,000 photos from these indexes
-- alone (index-only scans, one per band), not from ~1,000 scattered pages of the wide Image rows.
-- Statements here hold no semicolon of their own: the migration runner splits the file on them.
CREATE OR REPLACE FUNCTION vitrine_phash_band(hash text, band int) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$ SELECT ('x' || substr(hash, band * 4 + 1, 4))::bit(16)::int $fn$;

-- A band value and its 16 one-bit neighbours (XOR with 0 keeps the value itself).
CREATE OR REPLACE FUNCTION vitrine_phash_band_neighbours(hash text, band int) RETURNS int[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$ SELECT ARRAY(SELECT vitrine_phash_band(hash, band) # m FROM unnest(ARRAY[0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768]) AS m) $fn$;

CREATE OR REPLACE FUNCTION vitrine_phash_distance(a text, b text) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$ SELECT bit_count(('x' || a)::bit(64) # ('x' || b)::bit(64))::int $fn$;

CREATE INDEX "Image_phash_band0_idx" ON "Image" (vitrine_phash_band("perceptualHash", 0)) INCLUDE ("perceptualHash", "id");
CREATE INDEX "Image_phash_band1_idx" ON "Image" (vitrine_phash_band("perceptualHash", 1)) INCLUDE ("perceptualHash", "id");
CREATE INDEX "Image_phash_band2_idx" ON "Image" (vitrine_phash_band("perceptualHash", 2)) INCLUDE ("perceptualHash", "id");
CREATE INDEX "Image_phash_band3_idx" ON "Image" (vitrine_phash_band("perceptualHash", 3)) INCLUDE ("perceptualHash", "id");

-- The check task's queue: processed photos whose near matches were not looked for yet.
CREATE INDEX "Image_duplicates_unchecked_idx" ON "Image" ("id") WHERE "duplicatesCheckedAt" IS NULL AND "perceptualHash" IS NOT NULL;

-- Deleting a kept photo clears its duplicates' link (ON DELETE SET NULL) through this index, not a scan.
CREATE INDEX "Image_duplicateOfId_idx" ON "Image" ("duplicateOfId") WHERE "duplicateOfId" IS NOT NULL;
