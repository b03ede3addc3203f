import type { AppLocale } from "./config";
import type messages from "../../messages/pt-BR.json";

// pt-BR is the source of truth for message keys; en.json must mirror it.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
