-- CreateEnum
CREATE TYPE "GenerationJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "GenerationItemStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "generatedModel" TEXT,
ADD COLUMN     "generatedPrompt" TEXT,
ADD COLUMN     "generatedRevisedPrompt" TEXT,
ADD COLUMN     "generationItemId" UUID;

-- AlterTable
ALTER TABLE "AiProviderKey" ADD COLUMN     "generationCooldownUntil" TIMESTAMP(3),
ADD COLUMN     "generationCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "generationErrorCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "generationImages" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "generationInvalidReason" TEXT,
ADD COLUMN     "generationLastError" TEXT,
ADD COLUMN     "generationLastErrorAt" TIMESTAMP(3),
ADD COLUMN     "generationSuccessCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "GenerationJob" (
    "id" UUID NOT NULL,
    "createdById" UUID,
    "batchId" UUID NOT NULL,
    "status" "GenerationJobStatus" NOT NULL DEFAULT 'QUEUED',
    "model" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "quality" TEXT,
    "separateFolders" BOOLEAN NOT NULL DEFAULT true,
    "total" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "poolResets" INTEGER NOT NULL DEFAULT 0,
    "pauseCode" TEXT,
    "pauseReason" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GenerationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationPrompt" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "sku" TEXT,
    "slug" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "GenerationPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GenerationItem" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "promptId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "GenerationItemStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "round" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "errorCode" TEXT,
    "imageId" UUID,
    "revisedPrompt" TEXT,
    "claimedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GenerationItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GenerationJob_status_idx" ON "GenerationJob"("status");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationPrompt_jobId_position_key" ON "GenerationPrompt"("jobId", "position");

-- CreateIndex
CREATE INDEX "GenerationItem_jobId_status_idx" ON "GenerationItem"("jobId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationItem_jobId_number_key" ON "GenerationItem"("jobId", "number");

-- AddForeignKey
ALTER TABLE "GenerationJob" ADD CONSTRAINT "GenerationJob_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationPrompt" ADD CONSTRAINT "GenerationPrompt_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "GenerationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationItem" ADD CONSTRAINT "GenerationItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "GenerationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationItem" ADD CONSTRAINT "GenerationItem_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "GenerationPrompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationItem" ADD CONSTRAINT "GenerationItem_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE SET NULL ON UPDATE CASCADE;
