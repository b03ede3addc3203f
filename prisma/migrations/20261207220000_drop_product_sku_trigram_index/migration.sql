-- The trigram index on "Product".sku is one of the three trigram indexes each carteira import paid for
-- (issue 18); the key's and nome_peca's stay. The SKU searches now go by the SKU's key ("skuKey" = normalizeSkuKey(sku)), whose
-- trigram index already existed: a prefix (`products?q=`, the Conciliação search) is
-- "skuKey" LIKE 'KEY%' and a substring ("SKUs sem foto") "skuKey" LIKE '%KEY%', which find what the
-- SKU's ILIKE found and more (case, accents and separators ignored). At 100,000 products the
-- `products?q=CAM.00` query went from 65 ms (the SKU's trigrams matched 3,633 rows to recheck for 333)
-- to 1.4–2.2 ms.
DROP INDEX IF EXISTS "Product_sku_trgm_idx";
