-- CreateEnum
CREATE TYPE "BulkImageActionStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "BulkImageAction" (
    "id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "filter" JSONB NOT NULL DEFAULT '{}',
    "status" "BulkImageActionStatus" NOT NULL DEFAULT 'QUEUED',
    "changed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "error" TEXT,
    "userId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkImageAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkImageAction_createdAt_idx" ON "BulkImageAction"("createdAt");
