"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { saveShotListAction } from "@/app/(dashboard)/relatorios/cobertura/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";

/** `collectionId` null: the bank's list (every collection without one of its own for the SKU). */
export type EditorList = {
  collectionId: string | null;
  categoria: string;
  angles: { name: string; aliases: string[] }[];
};
type Row = { key: number; name: string; aliases: string };

// Row keys (and the inputs' ids) count from 0 for each list shown, the same on the server and in the
// browser: a module-level counter differed between the two and left labels pointing at other rows.
const noSubscription = () => () => undefined;
const rowsOf = (list: EditorList | undefined): Row[] =>
  list && list.angles.length > 0
    ? list.angles.map((a, i) => ({ key: i, name: a.name, aliases: a.aliases.join(", ") }))
    : [{ key: 0, name: "", aliases: "" }];

/**
 * ADMIN only (the page renders it for admins; the action checks the role again): the required angles
 * of a collection or of the whole bank ("" in the collection select), or of one categoria of either,
 * each with its sequence aliases typed comma-separated.
 * Saving replaces that list whole; the server refuses a bad list with its code, shown here.
 */
export function ShotListEditor({
  collections,
  categorias,
  lists,
  initialCollectionId,
  isInitiallyOpen,
}: {
  collections: { id: string; label: string }[];
  categorias: string[];
  lists: EditorList[];
  initialCollectionId?: string;
  /** Open on the first paint (no list yet); after that it is the admin's to open and close (a save keeps it as it is). */
  isInitiallyOpen: boolean;
}) {
  const t = useTranslations("shotList.editor");
  const router = useRouter();
  const errorText = useErrorText();
  const id = useId();
  const [isPending, startTransition] = useTransition();
  const [collectionId, setCollectionId] = useState(initialCollectionId ?? collections[0]?.id ?? "");
  const [categoria, setCategoria] = useState("");
  // "" in the collection select is the bank's list.
  const listOf = (c: string, cat: string) => lists.find((l) => (l.collectionId ?? "") === c && l.categoria === cat);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(listOf(collectionId, "")));
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [isOpen, setIsOpen] = useState(isInitiallyOpen);
  const nextKey = useRef(rows.length);
  // false in the server's HTML, true once React runs here (the e2e waits for it before typing).
  const isHydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const pick = (c: string, cat: string) => {
    setCollectionId(c);
    setCategoria(cat);
    const next = rowsOf(listOf(c, cat));
    nextKey.current = next.length;
    setRows(next);
    setMessage(null);
  };
  const update = (key: number, patch: Partial<Row>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const angles = rows
      .filter((r) => r.name.trim() !== "" || r.aliases.trim() !== "")
      .map((r) => ({
        name: r.name,
        aliases: r.aliases
          .split(",")
          .map((a) => a.trim())
          .filter((a) => a !== ""),
      }));
    startTransition(async () => {
      const result = await saveShotListAction({ collectionId: collectionId || null, categoria, angles });
      setMessage(
        result.ok
          ? { kind: "ok", text: angles.length === 0 ? t("removed") : t("saved") }
          : { kind: "error", text: errorText(result) },
      );
      if (result.ok) router.refresh();
    });
  };

  return (
    <details
      className="glass mt-6 rounded-2xl p-5"
      open={isOpen}
      onToggle={(e) => setIsOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer text-sm font-semibold text-white">{t("title")}</summary>
      <p className="mt-2 mb-4 max-w-3xl text-sm text-slate-300">{t("description")}</p>
      {collections.length === 0 ? (
        <p className="text-sm text-slate-300">{t("noCollections")}</p>
      ) : (
        <form onSubmit={save} className="space-y-4" data-testid="shot-list-editor" data-hydrated={isHydrated}>
          <div className="grid gap-4 md:grid-cols-2">
            <FilterSelect
              id={`${id}-collection`}
              label={t("collection")}
              emptyOption={t("bank")}
              options={collections.map((c) => ({ value: c.id, label: c.label }))}
              value={collectionId}
              onChange={(e) => pick(e.target.value, categoria)}
              hint={t("collectionHint")}
            />
            <FilterSelect
              id={`${id}-categoria`}
              label={t("categoria")}
              emptyOption={t("wholeCollection")}
              options={categorias.map((c) => ({ value: c, label: c }))}
              value={categoria}
              onChange={(e) => pick(collectionId, e.target.value)}
              hint={t("categoriaHint")}
            />
          </div>
          <fieldset className="space-y-3">
            <legend className="mb-1 text-sm font-medium text-slate-200">{t("angles")}</legend>
            <p className="text-xs text-slate-300">{t("aliasesHint")}</p>
            {rows.map((row, index) => (
              <div key={row.key} className="grid items-end gap-3 md:grid-cols-[12rem_1fr_auto]">
                <TextField
                  id={`${id}-name-${row.key}`}
                  label={t("angleName", { position: index + 1 })}
                  value={row.name}
                  maxLength={40}
                  placeholder="FRENTE"
                  onChange={(e) => update(row.key, { name: e.target.value })}
                />
                <TextField
                  id={`${id}-aliases-${row.key}`}
                  label={t("aliases", { position: index + 1 })}
                  value={row.aliases}
                  placeholder="_01, F"
                  onChange={(e) => update(row.key, { aliases: e.target.value })}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="mb-1"
                  onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                >
                  {t("remove")}
                  <span className="sr-only">{` — ${row.name || index + 1}`}</span>
                </Button>
              </div>
            ))}
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => setRows((current) => [...current, { key: nextKey.current++, name: "", aliases: "" }])}
            >
              {t("add")}
            </Button>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={isPending}>
              {isPending ? t("saving") : t("save")}
            </Button>
            <p
              role={message?.kind === "error" ? "alert" : "status"}
              className={message?.kind === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
            >
              {message?.text}
            </p>
          </div>
        </form>
      )}
    </details>
  );
}
