import { useFormatter, useTranslations } from "next-intl";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
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
  const columns: DataTableColumn<ImportHistoryItem>[] = [
    {
      key: "date",
      header: t("date"),
      className: "whitespace-nowrap",
      cell: (item) => format.dateTime(new Date(item.createdAt), { dateStyle: "short", timeStyle: "short" }),
    },
    {
      key: "file",
      header: t("file"),
      className: "max-w-64 truncate",
      cell: (item) => <span title={item.fileName}>{item.fileName}</span>,
    },
    { key: "user", header: t("user"), cell: (item) => item.user?.name ?? item.user?.email ?? "—" },
    { key: "created", header: t("created"), className: "tabular-nums", cell: (item) => item.created },
    { key: "updated", header: t("updated"), className: "tabular-nums", cell: (item) => item.updated },
    { key: "unchanged", header: t("unchanged"), className: "tabular-nums", cell: (item) => item.unchanged },
    { key: "errors", header: t("errors"), className: "tabular-nums", cell: (item) => item.errorCount },
    {
      key: "status",
      header: t("status"),
      cell: (item) => (
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[item.status]}`}>
          {t(`statuses.${item.status}`)}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby="import-history-title" className="space-y-3">
      <h2 id="import-history-title" className="text-lg font-semibold text-white">
        {t("title")}
      </h2>
      <DataTable
        columns={columns}
        rows={items}
        empty={t("empty")}
        rowProps={() => ({ "data-testid": "import-history-row" })}
        ariaLabelledBy="import-history-title"
      />
    </section>
  );
}
