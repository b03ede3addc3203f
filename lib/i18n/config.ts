/** Locales are chosen by cookie, never by URL prefix: routes stay the same in every language. */
export const LOCALES = ["pt-BR", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: AppLocale = "pt-BR";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** The catalog teams work in Brazil; a fixed zone keeps server and client dates identical. */
export const TIME_ZONE = "America/Sao_Paulo";

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
