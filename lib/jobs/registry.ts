import type { JobDefinition } from "./define-job";

/** Every job kind the workers run. Later capabilities add theirs here. */
export const jobRegistry: JobDefinition[] = [];
