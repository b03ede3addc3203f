"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "./config";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export type SetLocaleResult = { ok: true } | { ok: false; error: "INVALID_LOCALE" };

/** Persists the UI language; setting a cookie in an action makes Next re-render the current route. */
export async function setLocale(locale: string): Promise<SetLocaleResult> {
  if (!isLocale(locale)) return { ok: false, error: "INVALID_LOCALE" };
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: false,
  });
  return { ok: true };
}
