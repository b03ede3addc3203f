-- CreateIndex
CREATE INDEX "BatchUpload_batchId_imageId_idx" ON "BatchUpload"("batchId", "imageId");
