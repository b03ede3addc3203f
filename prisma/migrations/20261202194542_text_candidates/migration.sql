-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "aiCodes" JSONB,
ADD COLUMN     "aiTextEngine" TEXT,
ADD COLUMN     "aiTextReadAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ImageTextCandidate" (
    "imageId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "evidence" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageTextCandidate_pkey" PRIMARY KEY ("imageId","productId")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ImageTextCandidate_productId_idx" ON "ImageTextCandidate"("productId");

-- AddForeignKey
ALTER TABLE "ImageTextCandidate" ADD CONSTRAINT "ImageTextCandidate_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageTextCandidate" ADD CONSTRAINT "ImageTextCandidate_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Text on the photo (lib/ai/text). Hand-written below, not in schema.prisma (like the catalog's
-- trigram indexes): the client never reads these expressions itself.

-- The carteira's EAN (Product.extra.ean, written by the carteira import) as a matchable key: its
-- digits, a UPC-A (12) with the EAN-13 leading zero, a GTIN-14 with a leading zero as its EAN-13.
-- lib/ai/text/candidates/gtin.ts (gtinKey) is the same rule for the codes read on a photo.
CREATE OR REPLACE FUNCTION vitrine_gtin_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT CASE
      WHEN d = '' THEN NULL
      WHEN length(d) = 12 THEN '0' || d
      WHEN length(d) = 14 AND left(d, 1) = '0' THEN substr(d, 2)
      ELSE d END
    FROM (SELECT regexp_replace(coalesce(value, ''), '[^0-9]', '', 'g') AS d) s $fn$;

CREATE INDEX "Product_ean_key_idx" ON "Product" (vitrine_gtin_key(extra ->> 'ean'));

-- A printed SKU read with the OCR's usual confusions (O/Q for 0, I/L for 1) is looked up by the
-- folded key: lib/ai/text/candidates/sku-tokens.ts (foldOcrConfusions) is the same rule.
CREATE INDEX "Product_folded_sku_key_idx" ON "Product" (translate("skuKey", 'OQIL', '0011'));

-- The catalog search covers the codes read on the photo too: their texts join aiOcrText in the
-- photo's "searchText" (image_search_text migration: same functions, one argument wider).
CREATE OR REPLACE FUNCTION vitrine_codes_text(codes jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT string_agg(c ->> 'text', ' ')
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(codes) = 'array' THEN codes ELSE '[]'::jsonb END) c $fn$;

CREATE OR REPLACE FUNCTION vitrine_image_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  NEW."searchText" := concat_ws('' '',
    vitrine_image_search_text(NEW."originalName", NEW."skuBase", NEW."aiTitle", NEW."aiDescription", NEW."aiTags",
      concat_ws('' '', NEW."aiOcrText", vitrine_codes_text(NEW."aiCodes"))),
    (SELECT vitrine_product_search_text(p."sku", p."nomePeca") FROM "Product" p WHERE p.id = NEW."productId"))\073
  RETURN NEW\073
END';

CREATE OR REPLACE FUNCTION vitrine_product_search_text_trigger() RETURNS trigger
  LANGUAGE plpgsql AS E'BEGIN
  UPDATE "Image" i SET "searchText" = concat_ws('' '',
      vitrine_image_search_text(i."originalName", i."skuBase", i."aiTitle", i."aiDescription", i."aiTags",
        concat_ws('' '', i."aiOcrText", vitrine_codes_text(i."aiCodes"))),
      vitrine_product_search_text(nr."sku", nr."nomePeca"))
  FROM vitrine_new_rows nr JOIN vitrine_old_rows o ON o.id = nr.id
  WHERE i."productId" = nr.id AND (o."sku", o."nomePeca") IS DISTINCT FROM (nr."sku", nr."nomePeca")\073
  RETURN NULL\073
END';

DROP TRIGGER "Image_search_text" ON "Image";

CREATE TRIGGER "Image_search_text" BEFORE INSERT OR UPDATE OF "originalName", "skuBase", "aiTitle", "aiDescription", "aiTags", "aiOcrText", "aiCodes", "productId"
  ON "Image" FOR EACH ROW EXECUTE FUNCTION vitrine_image_search_text_trigger();
