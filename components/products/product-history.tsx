import { getFormatter, getTranslations } from "next-intl/server";
import type { ProductHistoryEntry } from "@/lib/products/get-product";

/** SKU history: who, when, what (field, old → new). Server component. */
export async function ProductHistory({ entries }: { entries: ProductHistoryEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("products"), getFormatter()]);
  if (entries.length === 0) return <p className="text-sm text-slate-300">{t("noHistory")}</p>;
  const fieldLabel = (field: string | null) =>
    field && ["sku", "nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor", "brandId", "collectionId"].includes(field)
      ? t(`fields.${field as "sku"}`)
      : (field ?? t("none"));
  return (
    <div className="glass overflow-x-auto rounded-2xl p-2">
      <table className="w-full text-left text-sm">
        <thead className="text-slate-300">
          <tr>
            {(["when", "who", "action", "field", "change"] as const).map((c) => (
              <th key={c} scope="col" className="p-3 font-medium">{t(`historyColumns.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-white/10 text-slate-100">
          {entries.map((h) => (
            <tr key={h.id}>
              <td className="p-3 whitespace-nowrap">{format.dateTime(h.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
              <td className="p-3">{h.userName ?? t("system")}</td>
              <td className="p-3">{t(`actions.${h.action}`)}</td>
              <td className="p-3">{fieldLabel(h.field)}</td>
              <td className="p-3 font-mono text-xs">
                {h.action === "CREATE" || h.action === "DELETE" ? h.sku : `${h.oldValue ?? t("none")} → ${h.newValue ?? t("none")}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
