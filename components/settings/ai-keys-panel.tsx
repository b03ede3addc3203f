"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import {
  createAiKeyAction,
  deleteAiKeyAction,
  setAiKeyStatusAction,
} from "@/app/(dashboard)/configuracoes/ai-keys-actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { AiKeysTable } from "@/components/settings/ai-keys-table";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { AI_KEY_CAPABILITIES, type AiKeyView } from "@/lib/ai/keys/schemas";

type Capability = (typeof AI_KEY_CAPABILITIES)[number];

/** The AI key pool on the settings page (ADMIN only: the page renders it for admins alone). */
export function AiKeysPanel({ keys }: { keys: AiKeyView[] }) {
  const t = useTranslations("aiKeys");
  const errorText = useErrorText();
  const router = useRouter();
  const [label, setLabel] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [capabilities, setCapabilities] = useState<Capability[]>(["vision", "content"]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!label.trim()) return setError(t("formErrors.labelRequired"));
    if (!apiKey.trim()) return setError(t("formErrors.keyRequired"));
    if (capabilities.length === 0) return setError(t("formErrors.capabilityRequired"));
    startTransition(async () => {
      const result = await createAiKeyAction({ label, apiKey, capabilities });
      if (!result.ok) return setError(errorText(result));
      // The secret leaves the browser's state as soon as the server has it.
      setApiKey("");
      setLabel("");
      setNotice(t("added"));
      router.refresh();
    });
  };

  const toggle = (capability: Capability) =>
    setCapabilities((current) =>
      current.includes(capability) ? current.filter((c) => c !== capability) : [...current, capability],
    );

  const setStatus = (key: AiKeyView, status: "ACTIVE" | "DISABLED") => {
    if (!window.confirm(t(status === "ACTIVE" ? "enableConfirm" : "disableConfirm", { label: key.label }))) return;
    startTransition(async () => {
      const result = await setAiKeyStatusAction({ id: key.id, status });
      if (!result.ok) setError(errorText(result));
      router.refresh();
    });
  };

  const remove = (key: AiKeyView) => {
    if (!window.confirm(t("deleteConfirm", { label: key.label }))) return;
    startTransition(async () => {
      const result = await deleteAiKeyAction({ id: key.id });
      if (!result.ok) setError(errorText(result));
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="ai-keys-title" className="glass space-y-6 rounded-2xl p-6" data-testid="ai-keys-panel">
      <div>
        <h2 id="ai-keys-title" className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
      </div>
      <form onSubmit={add} className="flex flex-wrap items-end gap-3" autoComplete="off">
        <div className="min-w-48 flex-1">
          <TextField
            id="ai-key-label"
            label={t("label")}
            placeholder={t("labelPlaceholder")}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={100}
          />
        </div>
        <div className="min-w-64 flex-[2]">
          <TextField
            id="ai-key-secret"
            type="password"
            label={t("apiKey")}
            placeholder={t("apiKeyPlaceholder")}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            maxLength={500}
          />
        </div>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-200">{t("capabilities")}</legend>
          <div className="flex h-11 items-center gap-4">
            {AI_KEY_CAPABILITIES.map((capability) => (
              <label key={capability} className="flex items-center gap-2 text-sm text-slate-200">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-accent-600"
                  checked={capabilities.includes(capability)}
                  onChange={() => toggle(capability)}
                />
                {t(`capability.${capability}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={isPending}>
          {isPending ? t("adding") : t("add")}
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="text-sm text-emerald-300">
          {notice}
        </p>
      ) : null}
      <AiKeysTable keys={keys} isPending={isPending} onSetStatus={setStatus} onDelete={remove} />
    </section>
  );
}
