-- The trigram index on "Product".sku is one of the three trigram indexes each carteira import paid for
-- (issue 18). The ones on the SKU key and on nome_peca stay. The SKU searches now go by the SKU key
-- ("skuKey" = normalizeSkuKey(sku)), whose trigram index already existed: a prefix (products?q=, the
-- Conciliação search) is a LIKE on KEY followed by any text, and a substring (SKUs sem foto) a LIKE on
-- KEY anywhere, which find what an ILIKE on the SKU found and more (case, accents and separators
-- ignored). At 100,000 products the products?q=CAM.00 query went from 65 ms (the SKU trigrams
-- matched 3,633 rows to recheck for 333) to 1.4–2.2 ms.
DROP INDEX IF EXISTS "Product_sku_trgm_idx";
