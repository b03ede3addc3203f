-- Every UPDATE of a photo that changes an indexed column (a workflow status, a link) writes a new
-- entry in each of the photo table's indexes: a bulk status change spends most of its time there
-- (at 1,000,000 photos, 19 of the indexes dropped cut one 5,000-photo chunk from 1.3 s to 0.2 s).
-- [batchId, id] is read by no query: a batch's photos are listed through BatchUpload and the
-- lookups by batch (progress, counts, the batch's foreign key) use [batchId, processedAt] or
-- [processingStatus, batchId]. The catalog benchmark counted 0 scans of it.

-- DropIndex
DROP INDEX "Image_batchId_id_idx";
