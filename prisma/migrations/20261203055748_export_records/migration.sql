-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('STREAMING', 'DONE', 'CANCELLED', 'FAILED');

-- CreateTable
CREATE TABLE "ExportRecord" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "userId" UUID,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "status" "ExportStatus" NOT NULL DEFAULT 'STREAMING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ExportRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExportRecord_createdAt_idx" ON "ExportRecord"("createdAt");
