"use client";

import { useTranslations } from "next-intl";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadQueueAction } from "@/app/(dashboard)/conciliacao/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { apiRequest } from "@/lib/queries/api-client";
import { queryKeys } from "@/lib/queries/keys";
import { CANDIDATES_PREFETCH_AHEAD, CANDIDATES_SHOWN } from "@/lib/queries/page-sizes";
import { useDebounced } from "@/lib/queries/use-debounced";
import type { QueueItem } from "@/lib/reconciliation/list-reconciliation-queue";
import { CandidateList, type Candidate } from "./candidate-list";
import type { ImageCandidates } from "@/lib/queries/types";
import { QueueStatusBar } from "./queue-status-bar";
import { ReconcilePanel } from "./reconcile-panel";
import { ValidateAboveThresholdButton } from "./validate-above-threshold-button";

type Props = {
  initialItems: QueueItem[];
  initialCursor: string | null;
  filters: { batchId?: string; collectionId?: string };
  canEdit: boolean;
  /** The photo a link opened the queue at: selected, with the keyboard on it. */
  selectedImageId?: string;
  /** ANALYSIS_CONFIDENCE_THRESHOLD: text/barcode candidates at or above it are highlighted. */
  threshold: number;
};

const SEARCH_DEBOUNCE_MS = 200;

async function fetchCandidates(imageId: string, params: string, signal?: AbortSignal): Promise<Candidate[]> {
  const { data } = await apiRequest<ImageCandidates>(`/api/v1/images/${imageId}/candidates?${params}`, {
    signal,
  });
  return data.candidates;
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
const isActivatable = (el: EventTarget | null) => el instanceof HTMLElement && ["BUTTON", "A"].includes(el.tagName);

/**
 * The Conciliação keyboard flow: j/k ↑/↓ move, 1–5 pick candidate N, Enter accepts the top one,
 * `/` searches any SKU, `n` marks "sem SKU". After a decision the list advances by itself; every
 * move and decision is announced through an aria-live region.
 */
export function ReconciliationWorkbench({
  initialItems,
  initialCursor,
  filters,
  canEdit,
  selectedImageId,
  threshold,
}: Props) {
  const t = useTranslations("reconciliation");
  const tText = useTranslations("aiText");
  const errorMessage = useErrorText();
  const [items, setItems] = useState(initialItems);
  const [cursor, setCursor] = useState(initialCursor);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      initialItems.findIndex((item) => item.id === selectedImageId),
    ),
  );
  const [query, setQuery] = useState("");
  const [applyToSkuBase, setApplyToSkuBase] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [errorText, setErrorText] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const searchRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();

  const current = items[Math.min(index, items.length - 1)];

  // Candidates of the current photo and the next few, fetched once each and kept in the cache.
  const candidateQueries = useQueries({
    queries: items.map((item, i) => ({
      queryKey: queryKeys.reconciliation.candidates(item.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchCandidates(item.id, `limit=${CANDIDATES_SHOWN}`, signal),
      enabled: i >= index && i <= index + CANDIDATES_PREFETCH_AHEAD,
      staleTime: Infinity,
      retry: false,
    })),
  });
  const candidatesOf = (i: number) => candidateQueries[i];

  // SKU search (any collection) for the current photo, debounced.
  const searchTerm = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery({
    queryKey: queryKeys.reconciliation.search(current?.id ?? "", searchTerm),
    queryFn: ({ signal }) =>
      fetchCandidates(current?.id ?? "", `q=${encodeURIComponent(searchTerm)}`, signal).catch(() => []),
    enabled: Boolean(searchTerm && current),
  });
  const searchResults = search.data ?? null;
  const currentIndex = Math.min(index, items.length - 1);
  const state = current ? candidatesOf(currentIndex) : undefined;

  const match = useMutation({
    mutationFn: (vars: {
      imageId: string;
      body: { productId: string; applyToSkuBase: boolean } | { noSku: true; applyToSkuBase: boolean };
    }) =>
      apiRequest<{ imageIds: string[] }>(`/api/v1/images/${vars.imageId}/match`, {
        method: "POST",
        body: vars.body,
      }).then((r) => r.data),
  });
  const busy = match.isPending;

  const shown = useMemo<Candidate[]>(() => {
    if (query.trim()) return searchResults ?? [];
    return state?.data ?? [];
  }, [query, searchResults, state?.data]);

  const focusItem = useCallback((id: string | undefined) => {
    if (id) itemRefs.current.get(id)?.focus();
  }, []);

  // Focusing also scrolls the queue to the photo, wherever it is in the list.
  useEffect(() => {
    focusItem(selectedImageId);
  }, [selectedImageId, focusItem]);

  const move = useCallback(
    (to: number) => {
      const next = Math.max(0, Math.min(items.length - 1, to));
      setIndex(next);
      setQuery("");
      const item = items[next];
      if (item) {
        setAnnouncement(t("position", { index: next + 1, total: items.length, name: item.originalName }));
        focusItem(item.id);
      }
    },
    [items, t, focusItem],
  );

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const result = await loadQueueAction({ ...filters, cursor });
    if (!result.ok) return;
    setItems((prev) => [...prev, ...result.data.items.filter((i) => !prev.some((p) => p.id === i.id))]);
    setCursor(result.data.nextCursor);
  }, [cursor, filters]);

  const reload = useCallback(async () => {
    const result = await loadQueueAction({ ...filters });
    if (!result.ok) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.reconciliation.all() });
    setItems(result.data.items);
    setCursor(result.data.nextCursor);
    setIndex(0);
  }, [filters, queryClient]);

  const decide = useCallback(
    async (decision: { productId: string; sku: string } | { noSku: true }) => {
      if (!current || busy || !canEdit) return;
      setErrorText(null);
      const body =
        "productId" in decision
          ? { productId: decision.productId, applyToSkuBase }
          : { noSku: true as const, applyToSkuBase };
      const result = await match.mutateAsync({ imageId: current.id, body }).catch((error: unknown) => {
        setErrorText(errorMessage(error));
        return null;
      });
      if (!result) return;
      const decided = new Set(result.imageIds);
      const extra = decided.size > 1 ? t("andOthers", { count: decided.size - 1 }) : "";
      const remaining = items.filter((i) => !decided.has(i.id));
      const before = items.slice(0, index).filter((i) => !decided.has(i.id)).length;
      const nextIndex = Math.min(before, Math.max(0, remaining.length - 1));
      setItems(remaining);
      setSelected((prev) => new Set([...prev].filter((id) => !decided.has(id))));
      setIndex(nextIndex);
      setQuery("");
      const next = remaining[nextIndex];
      const said =
        "sku" in decision
          ? t("decidedManual", { name: current.originalName, sku: decision.sku, extra })
          : t("decidedNoSku", { name: current.originalName, extra });
      setAnnouncement(
        next
          ? `${said} ${t("position", { index: nextIndex + 1, total: remaining.length, name: next.originalName })}`
          : said,
      );
      if (next) requestAnimationFrame(() => focusItem(next.id));
      if (remaining.length - nextIndex < 5) void loadMore();
    },
    [current, busy, canEdit, applyToSkuBase, items, index, t, focusItem, loadMore, match, errorMessage],
  );

  const pick = useCallback(
    (c: Candidate | undefined) => {
      // Enter or a number with nothing to pick would otherwise do nothing, silently.
      if (!c) setErrorText(query.trim() ? t("nothingToPickSearch") : t("nothingToPick"));
      else void decide({ productId: c.productId, sku: c.sku });
    },
    [decide, query, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const key = event.key;
      if (key === "j" || key === "ArrowDown") move(index + 1);
      else if (key === "k" || key === "ArrowUp") move(index - 1);
      else if (key === "/") searchRef.current?.focus();
      else if (key === "n") void decide({ noSku: true });
      else if (key === "Enter" && !isActivatable(event.target)) pick(shown[0]);
      else if (/^[1-5]$/.test(key)) pick(shown[Number(key) - 1]);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [index, move, decide, pick, shown]);

  return (
    <div className="space-y-6">
      <ReconcilePanel filters={filters} canEdit={canEdit} onDone={reload} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1 text-xs text-slate-300">
          <p>{t("shortcuts")}</p>
          <p data-testid="text-threshold-note">
            <span className="mr-1.5 inline-block size-2 rounded-full bg-emerald-400 align-middle" aria-hidden="true" />
            {tText("thresholdNote", { threshold: Math.round(threshold * 100) })}
          </p>
        </div>
        {canEdit ? (
          <ValidateAboveThresholdButton filters={filters} threshold={threshold} onDone={() => void reload()} />
        ) : null}
      </div>
      <p aria-live="polite" role="status" className="sr-only" data-testid="reconciliation-announcer">
        {announcement}
      </p>
      {errorText ? (
        <p role="alert" className="text-sm text-rose-300">
          {errorText}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="glass rounded-2xl p-6 text-sm text-slate-200">{t("empty")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="space-y-3">
            {canEdit ? <QueueStatusBar selected={selected} onDone={() => setSelected(new Set())} /> : null}
            <ul aria-label={t("queueLabel")} className="glass max-h-[70vh] space-y-1 overflow-y-auto rounded-2xl p-2">
              {items.map((item, i) => {
                const top = candidatesOf(i)?.data?.[0];
                const isCurrent = i === index;
                return (
                  <li
                    key={item.id}
                    ref={(el) => {
                      if (el) itemRefs.current.set(item.id, el);
                      else itemRefs.current.delete(item.id);
                    }}
                    tabIndex={isCurrent ? 0 : -1}
                    aria-current={isCurrent ? "true" : undefined}
                    aria-label={item.originalName}
                    onClick={() => move(i)}
                    className={cn(
                      "flex cursor-pointer items-center gap-3 rounded-xl p-2 outline-none",
                      isCurrent ? "bg-accent-600/20 ring-2 ring-accent-400" : "hover:bg-white/5",
                      "focus-visible:ring-2 focus-visible:ring-accent-300",
                    )}
                  >
                    {canEdit ? (
                      <input
                        type="checkbox"
                        aria-label={t("select", { name: item.originalName })}
                        checked={selected.has(item.id)}
                        onClick={(e) => e.stopPropagation()}
                        onChange={(e) =>
                          setSelected((prev) => {
                            const next = new Set(prev);
                            if (e.target.checked) next.add(item.id);
                            else next.delete(item.id);
                            return next;
                          })
                        }
                        className="size-4 accent-accent-500"
                      />
                    ) : null}
                    {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail endpoint */}
                    <img
                      src={`/api/v1/images/${item.id}/thumbnail`}
                      alt=""
                      loading="lazy"
                      className="size-12 shrink-0 rounded-lg bg-slate-900 object-cover"
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm text-white" title={item.originalName}>
                        {item.originalName}
                      </span>
                      <span className="block truncate whitespace-nowrap font-mono text-xs text-slate-300">
                        {`${item.skuBase ?? t("noValue")} · ${item.sequence ?? t("noValue")}`}
                        {top ? (
                          <span className={top.text?.aboveThreshold ? "text-emerald-300" : undefined}>
                            {` → ${top.sku} ${Math.round(top.score * 100)}%`}
                          </span>
                        ) : null}
                      </span>
                    </span>
                    <span
                      className={cn(
                        "shrink-0 rounded-full px-2 py-0.5 text-[11px]",
                        item.matchStatus === "AMBIGUOUS"
                          ? "bg-amber-500/15 text-amber-200"
                          : "bg-slate-500/20 text-slate-200",
                      )}
                    >
                      {t(`status.${item.matchStatus}`)}
                    </span>
                  </li>
                );
              })}
            </ul>
            {cursor ? (
              <Button variant="secondary" size="sm" onClick={() => void loadMore()}>
                {t("loadMore")}
              </Button>
            ) : null}
          </div>
          {current ? (
            <section aria-label={current.originalName} className="glass space-y-4 rounded-2xl p-5">
              <div className="flex gap-4">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail endpoint */}
                <img
                  src={`/api/v1/images/${current.id}/thumbnail`}
                  alt={current.originalName}
                  className="size-40 shrink-0 rounded-xl bg-slate-900 object-contain"
                />
                <dl className="min-w-0 space-y-1 text-sm">
                  <dt className="sr-only">{t("title")}</dt>
                  <dd className="break-all font-medium text-white" data-testid="current-filename">
                    {current.originalName}
                  </dd>
                  <dt className="text-xs text-slate-400">{t("skuBase")}</dt>
                  <dd className="break-all font-mono text-slate-100">{current.skuBase ?? t("noValue")}</dd>
                  <dt className="text-xs text-slate-400">{t("sequence")}</dt>
                  <dd className="break-all font-mono text-slate-100">{current.sequence ?? t("noValue")}</dd>
                  <dd className="text-xs text-slate-300">
                    {[t(`status.${current.matchStatus}`), current.collectionName].filter(Boolean).join(" · ")}
                  </dd>
                </dl>
              </div>
              <div className="space-y-1.5">
                <label htmlFor="sku-search" className="block text-sm font-medium text-slate-200">
                  {t("searchLabel")}
                </label>
                <input
                  id="sku-search"
                  ref={searchRef}
                  type="search"
                  value={query}
                  placeholder={t("searchPlaceholder")}
                  onChange={(e) => setQuery(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      pick(shown[0]);
                    } else if (e.key === "Escape") {
                      setQuery("");
                      focusItem(current.id);
                    }
                  }}
                  className="block h-10 w-full rounded-lg border border-white/15 bg-slate-950/60 px-3 text-sm text-slate-100 placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-accent-400"
                />
              </div>
              <h3 className="text-sm font-semibold text-slate-200">{t("candidates")}</h3>
              {!query.trim() && !state?.isSuccess ? (
                <p className="text-sm text-slate-300">
                  {state?.isError ? errorMessage(state.error) : t("loadingCandidates")}
                </p>
              ) : shown.length === 0 ? (
                <p className="text-sm text-slate-300">{t("noCandidates")}</p>
              ) : (
                <CandidateList candidates={shown} disabled={busy || !canEdit} onPick={pick} threshold={threshold} />
              )}
              {canEdit ? (
                <div className="flex flex-wrap items-center justify-between gap-3 border-t border-white/10 pt-4">
                  <label className="flex items-center gap-2 text-sm text-slate-200">
                    <input
                      type="checkbox"
                      checked={applyToSkuBase}
                      onChange={(e) => setApplyToSkuBase(e.target.checked)}
                      className="size-4 accent-accent-500"
                    />
                    {t("applyToSkuBase")}
                  </label>
                  <Button variant="secondary" size="sm" disabled={busy} onClick={() => void decide({ noSku: true })}>
                    <kbd className="rounded border border-white/20 px-1 text-xs">n</kbd> {t("noSku")}
                  </Button>
                </div>
              ) : null}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
