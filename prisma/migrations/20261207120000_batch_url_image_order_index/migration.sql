-- A photo's source URL is its first BatchUrl in id order (lib/export/image-export.ts):
-- `WHERE "imageId" = $1 ORDER BY "id" LIMIT 1`. With ("imageId") alone that needs a sort of the
-- photo's URLs, and a large export's COPY runs with sorting off (lib/export/copy/copy-export.ts), so
-- the planner walked the whole BatchUrl primary key for every exported photo instead (300,000 URLs:
-- an estimated 32,857 cost units a photo, against 8 with this index). ("imageId", "id") answers the
-- look-up in order, and every query on "imageId" alone as well.
DROP INDEX IF EXISTS "BatchUrl_imageId_idx";
CREATE INDEX "BatchUrl_imageId_id_idx" ON "BatchUrl"("imageId", "id");
