import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, TIME_ZONE, isLocale, type AppLocale } from "./config";

async function loadMessages(locale: AppLocale) {
  return locale === "en"
    ? (await import("../../messages/en.json")).default
    : (await import("../../messages/pt-BR.json")).default;
}

export default getRequestConfig(async ({ locale: requested }) => {
  // An explicit locale (getTranslations({ locale })) wins over the cookie.
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: AppLocale = isLocale(requested) ? requested : isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  return { locale, timeZone: TIME_ZONE, messages: await loadMessages(locale) };
});
