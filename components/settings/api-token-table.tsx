"use client";

import { useFormatter } from "next-intl";
import { Button } from "@/components/ui/button";

export type ApiTokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

type Labels = { empty: string; name: string; prefix: string; created: string; lastUsed: string; revoke: string; never: string; revokeOne: (token: ApiTokenRow) => string };

/** API tokens as a table with a "Revogar" button each (or the empty state): the user's own (settings) and any user's (admin). */
export function ApiTokenTable({ tokens, labels, isPending, onRevoke }: { tokens: ApiTokenRow[]; labels: Labels; isPending: boolean; onRevoke: (token: ApiTokenRow) => void }) {
  const format = useFormatter();
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : labels.never);
  if (tokens.length === 0) return <p className="text-sm text-slate-300">{labels.empty}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-300">
        <tr>
          <th scope="col" className="py-2 font-medium">{labels.name}</th>
          <th scope="col" className="py-2 font-medium">{labels.prefix}</th>
          <th scope="col" className="py-2 font-medium">{labels.created}</th>
          <th scope="col" className="py-2 font-medium">{labels.lastUsed}</th>
          <th scope="col" className="py-2"><span className="sr-only">{labels.revoke}</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-white/10 text-slate-100">
        {tokens.map((token) => (
          <tr key={token.id}>
            <td className="py-2">{token.name}</td>
            <td className="py-2 font-mono text-slate-300">{token.prefix}…</td>
            <td className="py-2">{date(token.createdAt)}</td>
            <td className="py-2">{date(token.lastUsedAt)}</td>
            <td className="py-2 text-right">
              <Button variant="ghost" size="sm" disabled={isPending} onClick={() => onRevoke(token)} aria-label={labels.revokeOne(token)}>
                {labels.revoke}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
