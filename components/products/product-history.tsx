import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { ProductHistoryEntry } from "@/lib/products/get-product";

const LABELLED_FIELDS = [
  "sku",
  "nomePeca",
  "categoria",
  "subcategoria",
  "tipoPeca",
  "origem",
  "cor",
  "brandId",
  "collectionId",
];

/** SKU history: who, when, what (field, old → new). Server component. */
export async function ProductHistory({ entries }: { entries: ProductHistoryEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("products"), getFormatter()]);
  if (entries.length === 0) return <p className="text-sm text-slate-300">{t("noHistory")}</p>;
  const fieldLabel = (field: string | null) =>
    field && LABELLED_FIELDS.includes(field) ? t(`fields.${field as "sku"}`) : (field ?? t("none"));
  const columns: DataTableColumn<ProductHistoryEntry>[] = [
    {
      key: "when",
      header: t("historyColumns.when"),
      className: "whitespace-nowrap",
      cell: (h) => format.dateTime(h.createdAt, { dateStyle: "short", timeStyle: "short" }),
    },
    { key: "who", header: t("historyColumns.who"), cell: (h) => h.userName ?? t("system") },
    { key: "action", header: t("historyColumns.action"), cell: (h) => t(`actions.${h.action}`) },
    { key: "field", header: t("historyColumns.field"), cell: (h) => fieldLabel(h.field) },
    {
      key: "change",
      header: t("historyColumns.change"),
      className: "font-mono text-xs",
      cell: (h) =>
        h.action === "CREATE" || h.action === "DELETE"
          ? h.sku
          : `${h.oldValue ?? t("none")} → ${h.newValue ?? t("none")}`,
    },
  ];
  return <DataTable columns={columns} rows={entries} ariaLabelledBy="history-title" />;
}
