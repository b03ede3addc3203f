-- A workflow status change (one photo, or a bulk action over a filter) rewrote the whole row and
-- added an entry to every index of the photo table: about 24 of them, most at random places, so
-- one 5,000-photo chunk wrote 100 MB of WAL (mostly full-page images) and took 1 s at 1,000,000
-- photos (issue 12: 7,000 photos a second against 20,000).
-- With no index on the status, PostgreSQL makes the change a HOT update: the new row version goes
-- on the same page and no index is touched. That needs free room on the page, hence the fillfactor:
-- new pages are filled to half, so that every photo of a page (a whole batch approved) can change.
-- Measured on copies of 60,000 catalog rows, one 5,000-photo chunk: a mix (55 percent change) at
-- 100 percent fill 455 ms, at 70 percent 138 ms (74 percent HOT), at 60 percent 53 ms (95 percent
-- HOT), at 50 percent 33 ms (all HOT). Every row of the pages changed: at 60 percent 280 ms (71
-- percent HOT), at 50 percent 41 ms (all HOT). The price is a heap twice its packed size.
-- The status filters walk the id order or the collection index instead (1-3 ms for a status of
-- 10 percent of the bank). updatedAt must stay out of every index for the same reason.
-- Existing pages keep their layout until rewritten (VACUUM FULL), new photos get the room at once.

-- DropIndex
DROP INDEX IF EXISTS "Image_status_id_idx";

-- DropIndex
DROP INDEX IF EXISTS "Image_collectionId_status_id_idx";

-- Room on every page for the versions of status changes
ALTER TABLE "Image" SET (fillfactor = 50);
