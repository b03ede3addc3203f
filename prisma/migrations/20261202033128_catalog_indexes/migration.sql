-- CreateIndex
CREATE INDEX "Image_collectionId_status_id_idx" ON "Image"("collectionId", "status", "id");

-- Products' `q` (lib/products/list-products.ts: SKU prefix as typed or normalised, nome_peca
-- substring, all ILIKE/LIKE): trigram indexes let the planner answer the OR with a BitmapOr
-- instead of reading all 100,000 products (640 ms for a SKU prefix).
CREATE INDEX "Product_sku_trgm_idx" ON "Product" USING gin ("sku" gin_trgm_ops);

CREATE INDEX "Product_nomePeca_trgm_idx" ON "Product" USING gin ("nomePeca" gin_trgm_ops);

CREATE INDEX "Product_skuKey_trgm_idx" ON "Product" USING gin ("skuKey" gin_trgm_ops);

-- The carteira filters (colour, categoria, tipo_peca) compare vitrine_search_normalize(column) of
-- the products: indexed, the product side is an index lookup, not unaccent over every product on
-- each request (color=… took 0.8–1.2 s at 100,000 products).
CREATE INDEX "Product_cor_normalized_idx" ON "Product" (vitrine_search_normalize("cor"));

CREATE INDEX "Product_categoria_normalized_idx" ON "Product" (vitrine_search_normalize("categoria"));

CREATE INDEX "Product_tipoPeca_normalized_idx" ON "Product" (vitrine_search_normalize("tipoPeca"));
