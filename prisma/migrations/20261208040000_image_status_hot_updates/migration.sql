-- A workflow status change (one photo, or a bulk action over a filter) rewrote the whole row and
-- added an entry to every index of the photo table: about 24 of them, most at random places, so
-- one 5,000-photo chunk wrote 100 MB of WAL (mostly full-page images) and took 1 s at 1,000,000
-- photos (issue 12: 7,000 photos a second against 20,000).
-- With no index on the status, PostgreSQL makes the change a HOT update: the new row version goes
-- on the same page and no index is touched. That needs free room on the page, hence the fillfactor:
-- new pages are filled to 60 percent. Measured on a copy of 60,000 catalog rows: 96 percent of the
-- changes HOT, one chunk 455 ms down to 39 ms (at 70 percent: 74 percent HOT, 138 ms).
-- The status filters walk the id order or the collection index instead (1-3 ms for a status of
-- 10 percent of the bank). updatedAt must stay out of every index for the same reason.
-- Existing pages keep their layout until rewritten (VACUUM FULL), new photos get the room at once.

-- DropIndex
DROP INDEX IF EXISTS "Image_status_id_idx";

-- DropIndex
DROP INDEX IF EXISTS "Image_collectionId_status_id_idx";

-- Room on every page for the versions of status changes
ALTER TABLE "Image" SET (fillfactor = 60);
