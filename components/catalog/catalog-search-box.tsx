"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CloseIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import { SEARCH_MAX_LENGTH } from "@/lib/images/schemas";

/** Typing waits this long after the last key before the search runs. */
const SEARCH_DEBOUNCE_MS = 350;

export type SearchCommit = (value: string, mode: "push" | "replace") => void;

/**
 * The catalog's search box. Typing searches once it pauses; Enter searches at once; the clear
 * button empties it. One typing session is one history entry (its first search pushes, the next
 * ones replace), so the back button returns to the filters before the search, not to each letter.
 * A search from the URL (back button, a shared link) replaces what the box shows.
 */
export function CatalogSearchBox({ value: urlValue, onCommit }: { value: string; onCommit: SearchCommit }) {
  const t = useTranslations("catalog.filters");
  const [value, setValue] = useState(urlValue);
  const [shownUrlValue, setShownUrlValue] = useState(urlValue);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isSessionOpen = useRef(false);

  if (urlValue !== shownUrlValue) {
    setShownUrlValue(urlValue);
    if (urlValue !== value.trim()) setValue(urlValue);
  }
  useEffect(() => () => clearTimer(), []);

  function clearTimer() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }
  function commit(next: string) {
    clearTimer();
    if (next.trim() === urlValue) return;
    onCommit(next.trim(), isSessionOpen.current ? "replace" : "push");
    isSessionOpen.current = true;
  }

  return (
    <form
      className="relative"
      onSubmit={(event) => {
        event.preventDefault();
        commit(value);
        isSessionOpen.current = false;
      }}
    >
      <TextField
        id="catalog-q"
        name="q"
        type="search"
        label={t("q")}
        placeholder={t("qHint")}
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          clearTimer();
          timer.current = setTimeout(() => commit(next), SEARCH_DEBOUNCE_MS);
        }}
        onBlur={() => {
          isSessionOpen.current = false;
        }}
        autoComplete="off"
        maxLength={SEARCH_MAX_LENGTH}
        className="pr-10 [&::-webkit-search-cancel-button]:hidden"
      />
      {value !== "" ? (
        <button
          type="button"
          aria-label={t("qClear")}
          onClick={() => {
            setValue("");
            isSessionOpen.current = false;
            commit("");
            isSessionOpen.current = false;
          }}
          className="absolute right-2 bottom-2 flex size-7 items-center justify-center rounded-md text-slate-300 hover:bg-white/10 hover:text-white focus-visible:outline-2 focus-visible:outline-accent-300"
        >
          <CloseIcon className="size-4" />
        </button>
      ) : null}
    </form>
  );
}
