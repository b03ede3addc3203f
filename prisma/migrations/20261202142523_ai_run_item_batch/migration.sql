-- AlterTable
ALTER TABLE "AiRunItem" ADD COLUMN     "providerBatchId" TEXT;

-- CreateIndex
CREATE INDEX "AiRunItem_runId_providerBatchId_idx" ON "AiRunItem"("runId", "providerBatchId");
