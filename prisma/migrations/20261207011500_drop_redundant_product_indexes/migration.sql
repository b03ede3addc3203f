-- Every index on "Product" is paid for by each carteira import (100,000 rows: the indexes and triggers
-- were 93 % of a plain COPY into the table). Four of them no longer answer any query:
--   · the trigram index over vitrine_product_search_text(sku, nomePeca): the catalog search reads the
--     photo's own "searchText" since 20261202042000_image_search_text (products' `q` uses the
--     per-column trigram indexes below it);
--   · the three plain vitrine_search_normalize(cor / categoria / tipoPeca) indexes: the covering
--     indexes of 20261202044000 have the same key (plus INCLUDE columns) and serve the same filters.
DROP INDEX IF EXISTS "Product_search_trgm_idx";
DROP INDEX IF EXISTS "Product_cor_normalized_idx";
DROP INDEX IF EXISTS "Product_categoria_normalized_idx";
DROP INDEX IF EXISTS "Product_tipoPeca_normalized_idx";
