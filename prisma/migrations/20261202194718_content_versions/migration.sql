-- CreateEnum
CREATE TYPE "ContentOrigin" AS ENUM ('GENERATED', 'REFINED', 'EDITED', 'RESTORED', 'BULK');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "contentVersion" INTEGER,
ADD COLUMN     "isContentManual" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "contentVersion" INTEGER,
ADD COLUMN     "isContentManual" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ContentVersion" (
    "id" UUID NOT NULL,
    "imageId" UUID,
    "productId" UUID,
    "brandId" UUID,
    "version" INTEGER NOT NULL,
    "titulo" TEXT NOT NULL,
    "descricao" TEXT NOT NULL,
    "hashtags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "pontosChave" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "origin" "ContentOrigin" NOT NULL,
    "feedback" TEXT,
    "basedOnVersion" INTEGER,
    "createdById" UUID,
    "runId" UUID,
    "model" TEXT,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandContentSettings" (
    "brandId" UUID NOT NULL,
    "tone" TEXT NOT NULL DEFAULT 'neutro',
    "length" TEXT NOT NULL DEFAULT 'medio',
    "examplesClearedAt" TIMESTAMP(3),
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrandContentSettings_pkey" PRIMARY KEY ("brandId")
);

-- CreateIndex
CREATE INDEX "ContentVersion_brandId_createdAt_idx" ON "ContentVersion"("brandId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContentVersion_imageId_version_key" ON "ContentVersion"("imageId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ContentVersion_productId_version_key" ON "ContentVersion"("productId", "version");

-- AddForeignKey
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrandContentSettings" ADD CONSTRAINT "BrandContentSettings_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrandContentSettings" ADD CONSTRAINT "BrandContentSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A version belongs to exactly one owner: a photo or a product.
ALTER TABLE "ContentVersion" ADD CONSTRAINT "ContentVersion_one_owner" CHECK (("imageId" IS NULL) <> ("productId" IS NULL));
