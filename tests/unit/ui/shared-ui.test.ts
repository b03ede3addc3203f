import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";

// The shared pieces render plain HTML (no hooks), so the markup itself is what pages and tests rely on.

type Row = { id: string; sku: string; photos: number };
const columns: DataTableColumn<Row>[] = [
  { key: "sku", header: "SKU", className: "font-mono", cell: (r) => r.sku },
  { key: "photos", header: "Fotos", align: "right", cell: (r) => String(r.photos) },
  {
    key: "actions",
    header: "Ações",
    isHeaderHidden: true,
    cell: (r) => h("button", { type: "button" }, `Abrir ${r.sku}`),
  },
];
const rows: Row[] = [
  { id: "a", sku: "VD24-0001", photos: 3 },
  { id: "b", sku: "VD24-0002", photos: 0 },
];

describe("DataTable", () => {
  it("renders column headers with scope, one row per item in order, and cells aligned as declared", () => {
    const html = renderToStaticMarkup(h(DataTable<Row>, { columns, rows, ariaLabel: "Produtos" }));
    expect(html).toContain('<table class="w-full text-left text-sm" aria-label="Produtos">');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toContain('<span class="sr-only">Ações</span>');
    expect(html.indexOf("VD24-0001")).toBeLessThan(html.indexOf("VD24-0002"));
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<td class="p-3 text-right">3</td>');
    expect(html).toContain('<td class="p-3 text-left font-mono">VD24-0001</td>');
  });

  it("shows the empty state instead of an empty table", () => {
    const html = renderToStaticMarkup(h(DataTable<Row>, { columns, rows: [], empty: "Nenhum produto encontrado." }));
    expect(html).not.toContain("<table");
    expect(html).toContain("Nenhum produto encontrado.");
  });

  it("adds a caption, per-row attributes and a full-width detail row under the rows that have one", () => {
    const html = renderToStaticMarkup(
      h(DataTable<Row>, {
        columns,
        rows,
        caption: "Primeiras linhas",
        density: "compact",
        rowProps: (r) => ({ "data-testid": `row-${r.id}` }),
        rowDetail: (r) => (r.id === "b" ? { id: "detail-b", content: "Detalhe de B" } : null),
      }),
    );
    expect(html).toContain('<caption class="sr-only">Primeiras linhas</caption>');
    expect(html).toContain('<tr data-testid="row-a">');
    expect(html).toContain('<tr id="detail-b"><td colSpan="3" class="p-2">Detalhe de B</td></tr>');
    expect(html.match(/Detalhe/g)).toHaveLength(1);
  });
});

describe("FilterSelect", () => {
  const options = [
    { value: "c1", label: "Marca · Verão" },
    { value: "c2", label: "Marca · Inverno" },
  ];

  it("labels the select (for=id), puts the empty option first and keeps the given value", () => {
    const html = renderToStaticMarkup(
      h(FilterSelect, {
        id: "collectionId",
        name: "collectionId",
        label: "Coleção",
        emptyOption: "Todas",
        options,
        defaultValue: "c2",
      }),
    );
    expect(html).toMatch(
      /<label for="collectionId" class="block text-sm font-medium text-slate-200">Coleção<\/label><select id="collectionId"/,
    );
    expect(html).toContain('name="collectionId"');
    expect([...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(["", "c1", "c2"]);
    expect(html).toContain('<option value="c2" selected="">Marca · Inverno</option>');
  });

  it("hides the label visually only, and ties a hint to the select", () => {
    const html = renderToStaticMarkup(
      h(FilterSelect, {
        id: "role-1",
        label: "Papel — a@b.c",
        isLabelHidden: true,
        hint: "Escolha a marca antes",
        options,
        size: "sm",
        disabled: true,
      }),
    );
    expect(html).toContain('<label for="role-1" class="sr-only">Papel — a@b.c</label>');
    expect(html).toContain('aria-describedby="role-1-hint"');
    expect(html).toContain('<p id="role-1-hint" class="text-xs text-slate-400">Escolha a marca antes</p>');
    expect(html).toMatch(/<select[^>]*disabled=""/);
    expect(html).toContain("h-9");
  });
});
