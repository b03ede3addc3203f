-- AlterTable
ALTER TABLE "Batch" DROP COLUMN "duplicateFiles",
DROP COLUMN "failedFiles",
DROP COLUMN "processedFiles",
DROP COLUMN "totalBytes",
DROP COLUMN "totalFiles",
DROP COLUMN "uploadedFiles";
