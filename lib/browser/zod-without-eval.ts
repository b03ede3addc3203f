import { z } from "zod";

/**
 * The pages' CSP has no 'unsafe-eval'. zod compiles a fast parser with `new Function` when an
 * object schema is built, and probing for it is reported by the browser as a CSP violation even
 * though zod then falls back. In the browser, zod parses without compiling; on the server the
 * compiled parsers stay. Import this before any module that builds schemas in the browser.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
