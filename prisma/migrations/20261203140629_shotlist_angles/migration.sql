-- CreateTable
CREATE TABLE "ShotList" (
    "id" UUID NOT NULL,
    "collectionId" UUID NOT NULL,
    "categoria" TEXT NOT NULL DEFAULT '',
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShotList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShotListAngle" (
    "id" UUID NOT NULL,
    "shotListId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "ShotListAngle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShotList_collectionId_categoria_key" ON "ShotList"("collectionId", "categoria");

-- CreateIndex
CREATE UNIQUE INDEX "ShotListAngle_shotListId_position_key" ON "ShotListAngle"("shotListId", "position");

-- AddForeignKey
ALTER TABLE "ShotList" ADD CONSTRAINT "ShotList_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShotListAngle" ADD CONSTRAINT "ShotListAngle_shotListId_fkey" FOREIGN KEY ("shotListId") REFERENCES "ShotList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The shot-list report reads the distinct sequences of a collection's linked, processed photos by a
-- loose index scan on this index (one probe per sequence, not one row per photo).
CREATE INDEX "Image_shot_list_sequence_idx" ON "Image" ("collectionId", "sequence") WHERE "processingStatus" = 'READY' AND "productId" IS NOT NULL;
