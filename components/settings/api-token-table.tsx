"use client";

import { useFormatter } from "next-intl";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";

export type ApiTokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

type Labels = {
  empty: string;
  name: string;
  prefix: string;
  created: string;
  lastUsed: string;
  revoke: string;
  never: string;
  revokeOne: (token: ApiTokenRow) => string;
};

/** API tokens as a table with a "Revogar" button each (or the empty state): the user's own (settings) and any user's (admin). */
export function ApiTokenTable({
  tokens,
  labels,
  isPending,
  onRevoke,
}: {
  tokens: ApiTokenRow[];
  labels: Labels;
  isPending: boolean;
  onRevoke: (token: ApiTokenRow) => void;
}) {
  const format = useFormatter();
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : labels.never;
  const columns: DataTableColumn<ApiTokenRow>[] = [
    { key: "name", header: labels.name, cell: (token) => token.name },
    {
      key: "prefix",
      header: labels.prefix,
      className: "font-mono text-slate-300",
      cell: (token) => `${token.prefix}…`,
    },
    { key: "created", header: labels.created, cell: (token) => date(token.createdAt) },
    { key: "lastUsed", header: labels.lastUsed, cell: (token) => date(token.lastUsedAt) },
    {
      key: "revoke",
      header: labels.revoke,
      isHeaderHidden: true,
      align: "right",
      cell: (token) => (
        <Button
          variant="ghost"
          size="sm"
          disabled={isPending}
          onClick={() => onRevoke(token)}
          aria-label={labels.revokeOne(token)}
        >
          {labels.revoke}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={tokens}
      empty={<p className="text-sm text-slate-300">{labels.empty}</p>}
      density="flush"
      frame="plain"
    />
  );
}
