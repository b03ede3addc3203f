-- The carteira filters (colour, categoria, tipo_peca) find their products by
-- vitrine_search_normalize(column) = … and need only the products' ids: with the id and the column
-- in the index (INCLUDE), that is an index-only scan instead of a heap read of every matching
-- product (a tenth of 100,000 products is ~2,400 heap blocks, the bulk of color=… at 1,000,000
-- photos). The column itself is included because PostgreSQL considers an index-only scan only
-- when every column the query mentions is stored in the index.
CREATE INDEX "Product_cor_normalized_id_idx" ON "Product" (vitrine_search_normalize("cor")) INCLUDE ("id", "cor");

CREATE INDEX "Product_categoria_normalized_id_idx" ON "Product" (vitrine_search_normalize("categoria")) INCLUDE ("id", "categoria");

CREATE INDEX "Product_tipoPeca_normalized_id_idx" ON "Product" (vitrine_search_normalize("tipoPeca")) INCLUDE ("id", "tipoPeca");

DROP INDEX "Product_cor_normalized_idx";

DROP INDEX "Product_categoria_normalized_idx";

DROP INDEX "Product_tipoPeca_normalized_idx";
