-- CreateTable
CREATE TABLE "BatchUploadRefusal" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "clientUploadId" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "relativePath" TEXT,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchUploadRefusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BatchUploadRefusal_batchId_clientUploadId_key" ON "BatchUploadRefusal"("batchId", "clientUploadId");

-- AddForeignKey
ALTER TABLE "BatchUploadRefusal" ADD CONSTRAINT "BatchUploadRefusal_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
