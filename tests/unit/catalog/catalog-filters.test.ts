import { describe, expect, it } from "vitest";
import {
  catalogSearchParams,
  hasCatalogFilters,
  parseCatalogFilters,
  parseCatalogView,
  withCatalogFilter,
  withoutSort,
} from "@/lib/catalog/catalog-filters";
import { dotColor } from "@/lib/catalog/dot-color";
import { imageListQuerySchema } from "@/lib/images/schemas";

const COLLECTION = "0190a4b2-5c3d-7e4f-8a9b-0c1d2e3f4a5b";
const BATCH = "0190a4b2-5c3d-7e4f-8a9b-0c1d2e3f4a5c";

describe("parseCatalogFilters", () => {
  it("reads every filter from the URL, from URLSearchParams and from a page's searchParams record alike", () => {
    const query = `collectionId=${COLLECTION}&batchId=${BATCH}&status=APROVADO&matchStatus=MATCHED&processingStatus=READY&sku=AUR26-1001`;
    const expected = {
      collectionId: COLLECTION,
      batchId: BATCH,
      status: "APROVADO",
      matchStatus: "MATCHED",
      processingStatus: "READY",
      sku: "AUR26-1001",
    };
    expect(parseCatalogFilters(new URLSearchParams(query))).toEqual(expected);
    expect(parseCatalogFilters(Object.fromEntries(new URLSearchParams(query)))).toEqual(expected);
    expect(parseCatalogFilters({ ...expected, status: ["APROVADO", "REJEITADO"] })).toEqual(expected);
  });

  it("drops a malformed parameter without losing the others, and ignores empty and unknown ones", () => {
    expect(
      parseCatalogFilters(
        new URLSearchParams(
          `collectionId=nope&status=APPROVED&matchStatus=UNMATCHED&sku=&batchId=&cursor=${BATCH}&x=1`,
        ),
      ),
    ).toEqual({ matchStatus: "UNMATCHED" });
    expect(parseCatalogFilters(new URLSearchParams(`sku=${"A".repeat(121)}`))).toEqual({});
    expect(parseCatalogFilters(new URLSearchParams("sku=%20%20AUR26-1001%20"))).toEqual({ sku: "AUR26-1001" });
    expect(parseCatalogFilters({})).toEqual({});
  });

  it("gives the API what it accepts: the parsed filters pass its own query schema unchanged", () => {
    const filters = parseCatalogFilters(new URLSearchParams(`collectionId=${COLLECTION}&status=PENDENTE&sku=X-1`));
    expect(imageListQuerySchema.parse(Object.fromEntries(catalogSearchParams(filters, "foto")))).toEqual({
      ...filters,
      limit: 100,
    });
  });
});

describe("the search, the other filters and the order", () => {
  const BRAND = "0190a4b2-5c3d-7e4f-8a9b-0c1d2e3f4a5d";

  it("reads each of them, with hasProduct as a boolean and dates as days or instants", () => {
    const query =
      `q=%20camisa%20azul%20&brandId=${BRAND}&aiStatus=FAILED&hasProduct=false&color=Azul&categoria=Camisas` +
      `&tipoPeca=Manga%20longa&from=2026-03-01&to=2026-03-31T12:00:00.000Z&sort=recent`;
    expect(parseCatalogFilters(new URLSearchParams(query))).toEqual({
      q: "camisa azul",
      brandId: BRAND,
      aiStatus: "FAILED",
      hasProduct: false,
      color: "Azul",
      categoria: "Camisas",
      tipoPeca: "Manga longa",
      from: "2026-03-01",
      to: "2026-03-31T12:00:00.000Z",
      sort: "recent",
    });
  });

  it("drops what the API would refuse, one parameter at a time", () => {
    const query =
      `q=${"a".repeat(201)}&brandId=nope&aiStatus=DONE&hasProduct=sim&from=01/03/2026&to=2026-02-30x` +
      `&sort=price&color=Azul`;
    expect(parseCatalogFilters(new URLSearchParams(query))).toEqual({ color: "Azul" });
    expect(parseCatalogFilters(new URLSearchParams(`q=${"a ".repeat(9)}`))).toEqual({});
  });

  it("leaves the default order out of the filters and the URL; the order alone is no filter", () => {
    expect(parseCatalogFilters(new URLSearchParams("sort=arrival"))).toEqual({});
    expect(withCatalogFilter({ sort: "sku" }, "sort", "arrival")).toEqual({});
    expect(hasCatalogFilters({ sort: "name" })).toBe(false);
    expect(withoutSort({ sort: "name", status: "APROVADO" })).toEqual({ status: "APROVADO" });
  });

  it("round-trips through the URL, hasProduct as true/false, and passes the API's schema unchanged", () => {
    const filters = parseCatalogFilters(
      new URLSearchParams(`hasProduct=true&q=Calça&sort=sku&from=2026-03-01&brandId=${BRAND}`),
    );
    const params = catalogSearchParams(filters, "sku");
    expect(params.toString()).toBe(`q=Cal%C3%A7a&brandId=${BRAND}&hasProduct=true&from=2026-03-01&sort=sku&view=sku`);
    expect(parseCatalogFilters(params)).toEqual(filters);
    params.delete("view");
    expect(imageListQuerySchema.parse(Object.fromEntries(params))).toEqual({ ...filters, limit: 100 });
  });
});

describe("catalogSearchParams ↔ parseCatalogFilters", () => {
  it("round-trips, in a stable order, leaving out unset filters and the default view", () => {
    const filters = { sku: "AUR26-1001", status: "APROVADO" as const, collectionId: COLLECTION };
    expect(catalogSearchParams(filters, "foto").toString()).toBe(
      `collectionId=${COLLECTION}&status=APROVADO&sku=AUR26-1001`,
    );
    const withView = catalogSearchParams(filters, "sku");
    expect(withView.get("view")).toBe("sku");
    expect(parseCatalogFilters(withView)).toEqual(filters);
    expect(parseCatalogView(withView)).toBe("sku");
    expect(catalogSearchParams({}, "foto").toString()).toBe("");
  });

  it("reads an unknown or missing view as the photo grid", () => {
    expect(parseCatalogView(new URLSearchParams("view=sku"))).toBe("sku");
    expect(parseCatalogView(new URLSearchParams("view=mosaico"))).toBe("foto");
    expect(parseCatalogView({})).toBe("foto");
  });

  it("sets and clears one filter from a control's value, keeping the others", () => {
    const filters = { collectionId: COLLECTION, status: "APROVADO" as const };
    expect(withCatalogFilter(filters, "matchStatus", "AMBIGUOUS")).toEqual({ ...filters, matchStatus: "AMBIGUOUS" });
    expect(withCatalogFilter(filters, "status", "")).toEqual({ collectionId: COLLECTION });
    expect(withCatalogFilter(filters, "collectionId", "not-a-uuid")).toEqual({ status: "APROVADO" });
    expect(hasCatalogFilters(withCatalogFilter({}, "sku", "  "))).toBe(false);
    expect(hasCatalogFilters(filters)).toBe(true);
  });
});

describe("dotColor", () => {
  it("takes the first coloured one of the dominant colours, past the neutral background", () => {
    expect(dotColor(["#ECEAE6", "#3a6fb0", "#b03a3a"])).toBe("#3a6fb0");
    expect(dotColor(["#ffffff", "#202020"])).toBe("#ffffff");
  });

  it("yields null for anything that is not a list of #rrggbb colours (it goes into a style attribute)", () => {
    expect(dotColor(null)).toBeNull();
    expect(dotColor("#ffffff")).toBeNull();
    expect(dotColor([])).toBeNull();
    expect(dotColor(["red;background:url(x)", 3, "#fff"])).toBeNull();
    expect(dotColor(["url(x)", "#AABBCC"])).toBe("#aabbcc");
  });
});
