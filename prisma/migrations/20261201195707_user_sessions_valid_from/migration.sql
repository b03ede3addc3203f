-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsValidFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing sessions stay as valid as they were: only those before the last password change are void.
UPDATE "User" SET "sessionsValidFrom" = "passwordChangedAt";
