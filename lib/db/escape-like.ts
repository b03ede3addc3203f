/** `value` as literal text inside a LIKE / ILIKE pattern (PostgreSQL's default escape, `\`). */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
