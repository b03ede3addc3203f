-- CreateIndex
CREATE INDEX "Image_batchId_processedAt_idx" ON "Image"("batchId", "processedAt");
