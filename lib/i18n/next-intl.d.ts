import type { AppLocale } from "./config";
import type { Messages } from "./messages";

// pt-BR is the source of truth for message keys; the en files must mirror it.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Messages;
  }
}
