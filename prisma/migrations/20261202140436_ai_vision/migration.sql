-- CreateEnum
CREATE TYPE "AiKeyStatus" AS ENUM ('ACTIVE', 'DISABLED', 'INVALID');

-- CreateEnum
CREATE TYPE "AiRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "AiRunItemStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "aiConfidence" JSONB,
ADD COLUMN     "aiDivergences" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "aiErrorCode" TEXT,
ADD COLUMN     "aiManualFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "aiSecondaryColors" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "aiSource" TEXT,
ADD COLUMN     "aiStyle" TEXT,
ADD COLUMN     "aiTipoPeca" TEXT;

-- AlterTable
ALTER TABLE "ImageItem" ADD COLUMN     "confidence" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "AiProviderKey" DROP COLUMN "disabledUntil",
DROP COLUMN "isActive",
ADD COLUMN     "capabilities" TEXT[] DEFAULT ARRAY['vision', 'content']::TEXT[],
ADD COLUMN     "cooldownUntil" TIMESTAMP(3),
ADD COLUMN     "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "errorsByKind" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "fingerprint" TEXT NOT NULL,
ADD COLUMN     "invalidReason" TEXT,
ADD COLUMN     "keyVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lastErrorAt" TIMESTAMP(3),
ADD COLUMN     "requestsPerMinute" INTEGER,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'db',
ADD COLUMN     "status" "AiKeyStatus" NOT NULL DEFAULT 'ACTIVE',
ADD COLUMN     "tokensIn" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "tokensOut" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "tokensPerMinute" INTEGER,
ALTER COLUMN "encryptedKey" DROP NOT NULL;

-- CreateTable
CREATE TABLE "AiCall" (
    "id" UUID NOT NULL,
    "keyId" UUID,
    "runId" UUID,
    "imageId" UUID,
    "purpose" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "errorKind" TEXT,
    "httpStatus" INTEGER,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AiCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiRun" (
    "id" UUID NOT NULL,
    "createdById" UUID,
    "status" "AiRunStatus" NOT NULL DEFAULT 'QUEUED',
    "mode" TEXT NOT NULL DEFAULT 'now',
    "engine" TEXT NOT NULL DEFAULT 'model',
    "fields" TEXT[],
    "overwriteManual" BOOLEAN NOT NULL DEFAULT false,
    "selection" JSONB NOT NULL,
    "model" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT 'low',
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "estimate" JSONB NOT NULL DEFAULT '{}',
    "pauseReason" TEXT,
    "providerBatchId" TEXT,
    "providerFileId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiRunItem" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "imageId" UUID NOT NULL,
    "status" "AiRunItemStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3),
    "claimedAt" TIMESTAMP(3),
    "errorCode" TEXT,
    "error" TEXT,
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "keyId" UUID,
    "model" TEXT,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "customId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageAiSuggestion" (
    "imageId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageAiSuggestion_pkey" PRIMARY KEY ("imageId","productId")
);

-- CreateIndex
CREATE INDEX "AiCall_runId_idx" ON "AiCall"("runId");

-- CreateIndex
CREATE INDEX "AiCall_createdAt_idx" ON "AiCall"("createdAt");

-- CreateIndex
CREATE INDEX "AiRun_createdAt_idx" ON "AiRun"("createdAt");

-- CreateIndex
CREATE INDEX "AiRun_status_idx" ON "AiRun"("status");

-- CreateIndex
CREATE INDEX "AiRunItem_runId_status_id_idx" ON "AiRunItem"("runId", "status", "id");

-- CreateIndex
CREATE INDEX "AiRunItem_runId_id_idx" ON "AiRunItem"("runId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AiRunItem_runId_imageId_key" ON "AiRunItem"("runId", "imageId");

-- CreateIndex
CREATE INDEX "ImageAiSuggestion_productId_idx" ON "ImageAiSuggestion"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "AiProviderKey_fingerprint_key" ON "AiProviderKey"("fingerprint");

-- AddForeignKey
ALTER TABLE "AiCall" ADD CONSTRAINT "AiCall_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "AiProviderKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiRunItem" ADD CONSTRAINT "AiRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AiRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiRunItem" ADD CONSTRAINT "AiRunItem_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageAiSuggestion" ADD CONSTRAINT "ImageAiSuggestion_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageAiSuggestion" ADD CONSTRAINT "ImageAiSuggestion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The catalog filter "possível divergência": the few photos whose analysis disagrees with the carteira, in id order.
CREATE INDEX "Image_ai_divergent_idx" ON "Image"("id") WHERE cardinality("aiDivergences") > 0;
