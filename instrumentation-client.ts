import { z } from "zod";

/**
 * Runs in the browser before any page module. The pages' CSP has no 'unsafe-eval': zod compiles a
 * fast parser with `new Function`, and its probe for that is reported by the browser as a CSP
 * violation even though zod then falls back. So in the browser zod parses without compiling, for
 * every schema any client module builds; on the server the compiled parsers stay.
 */
z.config({ jitless: true });
