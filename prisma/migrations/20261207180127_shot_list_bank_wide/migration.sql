-- AlterTable
ALTER TABLE "ShotList" ALTER COLUMN "collectionId" DROP NOT NULL;

-- The bank's lists have no collection: one per categoria all the same (NULLs would not collide).
DROP INDEX "ShotList_collectionId_categoria_key";
CREATE UNIQUE INDEX "ShotList_collectionId_categoria_key" ON "ShotList"("collectionId", "categoria") NULLS NOT DISTINCT;
