-- The planner estimates LIKE '%word%' on "searchText" from the column's histogram. At the default
-- statistics target (100) it saw a fifth of the real matches of two common words together (286
-- estimated, 1,391 found at 200,000 photos) and chose a bitmap of every match, which grows with
-- the table (144/173 ms p50/p95 for q=jaqueta renda at 1,000,000), over walking the id order
-- until the page is full, which does not (12 ms). A larger sample (ANALYZE reads 300 x target
-- rows) brings the estimate to 714 and the walk. Rare words (a SKU) keep the index.
ALTER TABLE "Image" ALTER COLUMN "searchText" SET STATISTICS 1000;
