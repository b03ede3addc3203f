import { useFormatter, useTranslations } from "next-intl";
import type { ImportHistoryItem } from "@/lib/carteira/import/list-carteira-imports";

const STATUS_CLASS: Record<ImportHistoryItem["status"], string> = {
  PENDING: "bg-slate-500/20 text-slate-200",
  RUNNING: "bg-sky-500/20 text-sky-200",
  COMPLETED: "bg-emerald-500/20 text-emerald-200",
  FAILED: "bg-rose-500/20 text-rose-200",
};

/** Past imports: date, file, user, counts, status. */
export function ImportHistoryTable({ items }: { items: ImportHistoryItem[] }) {
  const t = useTranslations("carteira.history");
  const format = useFormatter();
  return (
    <section aria-labelledby="import-history-title" className="space-y-3">
      <h2 id="import-history-title" className="text-lg font-semibold text-white">{t("title")}</h2>
      {items.length === 0 ? (
        <p className="glass rounded-2xl p-6 text-sm text-slate-300">{t("empty")}</p>
      ) : (
        <div className="glass relative overflow-x-auto rounded-2xl p-2">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-300">
              <tr>
                {(["date", "file", "user", "created", "updated", "unchanged", "errors", "status"] as const).map((k) => (
                  <th key={k} scope="col" className="p-3 font-medium">{t(k)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-white/10 text-slate-100">
              {items.map((item) => (
                <tr key={item.id} data-testid="import-history-row">
                  <td className="whitespace-nowrap p-3">{format.dateTime(new Date(item.createdAt), { dateStyle: "short", timeStyle: "short" })}</td>
                  <td className="max-w-64 truncate p-3" title={item.fileName}>{item.fileName}</td>
                  <td className="p-3">{item.user?.name ?? item.user?.email ?? "—"}</td>
                  <td className="p-3 tabular-nums">{item.created}</td>
                  <td className="p-3 tabular-nums">{item.updated}</td>
                  <td className="p-3 tabular-nums">{item.unchanged}</td>
                  <td className="p-3 tabular-nums">{item.errorCount}</td>
                  <td className="p-3">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[item.status]}`}>{t(`statuses.${item.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
