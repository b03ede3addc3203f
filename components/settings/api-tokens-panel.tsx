"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(dashboard)/configuracoes/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { ApiTokenTable, type ApiTokenRow } from "@/components/settings/api-token-table";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";

export function ApiTokensPanel({ tokens }: { tokens: ApiTokenRow[] }) {
  const t = useTranslations("settings.tokens");
  const errorText = useErrorText();
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!name.trim()) return setError(t("errors.nameRequired"));
    startTransition(async () => {
      const result = await createApiTokenAction({ name });
      if (!result.ok) return setError(errorText(result));
      setNewToken(result.data.token);
      setName("");
      router.refresh();
    });
  };

  const revoke = (token: ApiTokenRow) => {
    if (!window.confirm(t("revokeConfirm", { name: token.name }))) return;
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId: token.id });
      if (!result.ok) setError(errorText(result));
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="api-tokens-title" className="glass space-y-6 rounded-2xl p-6">
      <div>
        <h2 id="api-tokens-title" className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
      </div>
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField
            id="token-name"
            label={t("name")}
            placeholder={t("namePlaceholder")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
          />
        </div>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("creating") : t("create")}
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      ) : null}
      {newToken ? (
        <div role="status" className="space-y-2 rounded-xl border border-amber-300/40 bg-amber-400/10 p-4">
          <p className="text-sm text-amber-100">{t("copyOnce")}</p>
          <code
            data-testid="new-api-token"
            className="block break-all rounded bg-slate-950/80 p-2 text-sm text-slate-100"
          >
            {newToken}
          </code>
          <Button variant="secondary" size="sm" onClick={() => void navigator.clipboard?.writeText(newToken)}>
            {t("copy")}
          </Button>
        </div>
      ) : null}
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
          revokeOne: () => t("revoke"),
        }}
      />
    </section>
  );
}
