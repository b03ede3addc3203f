-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ExportStatus" ADD VALUE 'QUEUED';
ALTER TYPE "ExportStatus" ADD VALUE 'RUNNING';
ALTER TYPE "ExportStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "ExportRecord" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "params" JSONB,
ADD COLUMN     "storageKey" TEXT,
ADD COLUMN     "totalRows" INTEGER;

-- CreateIndex
CREATE INDEX "ExportRecord_userId_createdAt_idx" ON "ExportRecord"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ExportRecord_status_expiresAt_idx" ON "ExportRecord"("status", "expiresAt");
