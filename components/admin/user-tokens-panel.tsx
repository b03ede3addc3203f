"use client";

import { useTranslations } from "next-intl";
import { revokeAllUserTokensAction, revokeUserTokenAction } from "@/app/(dashboard)/admin/usuarios/actions";
import { ApiTokenTable, type ApiTokenRow } from "@/components/settings/api-token-table";
import { Button } from "@/components/ui/button";

export type UserTokenRow = ApiTokenRow;
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
          <Button variant="secondary" size="sm" disabled={isPending} onClick={revokeAll}>
            {t("revokeAll")}
          </Button>
        ) : null}
      </div>
      <ApiTokenTable
        tokens={tokens}
        isPending={isPending}
        onRevoke={revoke}
        labels={{
          empty: t("empty"),
          name: t("name"),
          prefix: t("prefix"),
          created: t("created"),
          lastUsed: t("lastUsed"),
          revoke: t("revoke"),
          never: t("never"),
          revokeOne: (token) => t("revokeOne", { name: token.name }),
        }}
      />
    </section>
  );
}
