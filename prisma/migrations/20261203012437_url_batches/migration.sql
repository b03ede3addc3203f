-- CreateEnum
CREATE TYPE "BatchSource" AS ENUM ('UPLOAD', 'URL_LIST');

-- CreateEnum
CREATE TYPE "BatchChunkStatus" AS ENUM ('PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BatchUrlStatus" AS ENUM ('PENDING', 'FETCHING', 'STORED', 'DUPLICATE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "UrlErrorCategory" AS ENUM ('INVALID_URL', 'BLOCKED_ADDRESS', 'DNS', 'REFUSED', 'TIMEOUT', 'HTTP_4XX', 'HTTP_5XX', 'TOO_LARGE', 'NOT_IMAGE', 'REDIRECT_LOOP', 'NETWORK', 'PROCESSING');

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "chunkSize" INTEGER,
ADD COLUMN     "clonedFromId" UUID,
ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "purgeAfter" TIMESTAMP(3),
ADD COLUMN     "source" "BatchSource" NOT NULL DEFAULT 'UPLOAD';

-- CreateTable
CREATE TABLE "BatchChunk" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "status" "BatchChunkStatus" NOT NULL DEFAULT 'PENDING',
    "total" INTEGER NOT NULL,
    "worker" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BatchChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchUrl" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "chunkId" UUID NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "sku" TEXT,
    "path" TEXT,
    "name" TEXT,
    "status" "BatchUrlStatus" NOT NULL DEFAULT 'PENDING',
    "errorCategory" "UrlErrorCategory",
    "errorCode" TEXT,
    "httpStatus" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "imageId" UUID,
    "bytes" BIGINT,
    "durationMs" INTEGER,
    "startedAt" TIMESTAMP(3),
    "fetchedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BatchUrl_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BatchChunk_status_idx" ON "BatchChunk"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BatchChunk_batchId_index_key" ON "BatchChunk"("batchId", "index");

-- CreateIndex
CREATE INDEX "BatchUrl_chunkId_status_idx" ON "BatchUrl"("chunkId", "status");

-- CreateIndex
CREATE INDEX "BatchUrl_batchId_status_idx" ON "BatchUrl"("batchId", "status");

-- CreateIndex
CREATE INDEX "BatchUrl_imageId_idx" ON "BatchUrl"("imageId");

-- CreateIndex
CREATE UNIQUE INDEX "BatchUrl_batchId_url_key" ON "BatchUrl"("batchId", "url");

-- CreateIndex
CREATE INDEX "Batch_deletedAt_idx" ON "Batch"("deletedAt");

-- AddForeignKey
ALTER TABLE "BatchChunk" ADD CONSTRAINT "BatchChunk_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchUrl" ADD CONSTRAINT "BatchUrl_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchUrl" ADD CONSTRAINT "BatchUrl_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "BatchChunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchUrl" ADD CONSTRAINT "BatchUrl_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;
