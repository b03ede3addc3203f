-- AlterTable
ALTER TABLE "AiRunItem" ADD COLUMN     "stepsDone" TEXT[] DEFAULT ARRAY[]::TEXT[];
