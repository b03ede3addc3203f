import "server-only";

/**
 * The CSV template of a URL list (`GET /api/v1/export/template`): the header the importer reads
 * and two example rows. example.com is reserved for documentation (RFC 2606): nothing is fetched.
 */
export const URL_LIST_TEMPLATE_CSV =
  "url,sku,path,name\r\n" +
  "https://example.com/fotos/VD25-0101_FRENTE.jpg,VD25-0101,VD25-0101/frente.jpg,VD25-0101_FRENTE.jpg\r\n" +
  "https://example.com/fotos/VD25-0102_COSTAS.jpg,VD25-0102,,\r\n";

export const URL_LIST_TEMPLATE_FILE_NAME = "modelo-lista-urls.csv";
