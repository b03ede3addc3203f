-- AlterEnum
ALTER TYPE "ProcessingStatus" ADD VALUE 'UPLOADED';

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "processingStartedAt" TIMESTAMP(3),
ALTER COLUMN "processingStatus" SET DEFAULT 'UPLOADED';
