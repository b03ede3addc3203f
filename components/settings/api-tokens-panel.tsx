"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(dashboard)/configuracoes/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";

type TokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

export function ApiTokensPanel({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations("settings.tokens");
  const format = useFormatter();
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
      if (!result.ok) return setError(t("errors.generic"));
      setNewToken(result.data.token);
      setName("");
      router.refresh();
    });
  };

  const revoke = (token: TokenRow) => {
    if (!window.confirm(t("revokeConfirm", { name: token.name }))) return;
    startTransition(async () => {
      const result = await revokeApiTokenAction({ tokenId: token.id });
      if (!result.ok) setError(t("errors.generic"));
      router.refresh();
    });
  };

  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : t("never"));

  return (
    <section aria-labelledby="api-tokens-title" className="glass space-y-6 rounded-2xl p-6">
      <div>
        <h2 id="api-tokens-title" className="text-lg font-semibold text-white">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
      </div>
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField id="token-name" label={t("name")} placeholder={t("namePlaceholder")} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </div>
        <Button type="submit" disabled={isPending}>{isPending ? t("creating") : t("create")}</Button>
      </form>
      {error ? <p role="alert" className="text-sm text-rose-300">{error}</p> : null}
      {newToken ? (
        <div role="status" className="space-y-2 rounded-xl border border-amber-300/40 bg-amber-400/10 p-4">
          <p className="text-sm text-amber-100">{t("copyOnce")}</p>
          <code data-testid="new-api-token" className="block break-all rounded bg-slate-950/80 p-2 text-sm text-slate-100">{newToken}</code>
          <Button variant="secondary" size="sm" onClick={() => void navigator.clipboard?.writeText(newToken)}>{t("copy")}</Button>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-300">{t("empty")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-300">
            <tr>
              <th scope="col" className="py-2 font-medium">{t("name")}</th>
              <th scope="col" className="py-2 font-medium">Token</th>
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
                  <Button variant="ghost" size="sm" onClick={() => revoke(token)} disabled={isPending}>{t("revoke")}</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
