"use client";

import { useFormatter, useTranslations } from "next-intl";
import { revokeAllUserTokensAction, revokeUserTokenAction } from "@/app/(dashboard)/admin/usuarios/actions";
import { Button } from "@/components/ui/button";

export type UserTokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };
type Result = { ok: true } | { ok: false; code: string; message: string };

/** One user's active API tokens on /admin/usuarios: revoke one, or all of them. */
export function UserTokensPanel({
  user,
  tokens,
  isPending,
  run,
}: {
  user: { id: string; email: string };
  tokens: UserTokenRow[];
  isPending: boolean;
  run: (action: () => Promise<Result>, okText: string) => void;
}) {
  const t = useTranslations("admin.users.tokens");
  const format = useFormatter();
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : t("never"));

  const revoke = (token: UserTokenRow) => {
    if (!window.confirm(t("revokeConfirm", { name: token.name, email: user.email }))) return;
    run(() => revokeUserTokenAction({ userId: user.id, tokenId: token.id }), t("revoked"));
  };
  const revokeAll = () => {
    if (!window.confirm(t("revokeAllConfirm", { count: tokens.length, email: user.email }))) return;
    run(() => revokeAllUserTokensAction({ userId: user.id }), t("allRevoked", { count: tokens.length }));
  };

  return (
    <section aria-label={t("title", { email: user.email })} className="space-y-3 rounded-xl bg-slate-950/40 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 className="text-sm font-semibold text-white">{t("title", { email: user.email })}</h3>
        {tokens.length > 0 ? (
          <Button variant="secondary" size="sm" disabled={isPending} onClick={revokeAll}>{t("revokeAll")}</Button>
        ) : null}
      </div>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-300">{t("empty")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-300">
            <tr>
              <th scope="col" className="py-2 font-medium">{t("name")}</th>
              <th scope="col" className="py-2 font-medium">{t("prefix")}</th>
              <th scope="col" className="py-2 font-medium">{t("created")}</th>
              <th scope="col" className="py-2 font-medium">{t("lastUsed")}</th>
              <th scope="col" className="py-2"><span className="sr-only">{t("revoke")}</span></th>
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
                  <Button variant="ghost" size="sm" disabled={isPending} onClick={() => revoke(token)} aria-label={t("revokeOne", { name: token.name })}>
                    {t("revoke")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
