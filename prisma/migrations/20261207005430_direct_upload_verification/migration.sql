-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "isContentVerified" BOOLEAN NOT NULL DEFAULT true;
