-- CreateIndex
CREATE INDEX "Image_thumbnailKey_idx" ON "Image"("thumbnailKey");
