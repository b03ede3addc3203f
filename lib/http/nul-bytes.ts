import { ApiError } from "@/lib/api/errors";

const NUL = "\u0000";
export const NUL_MESSAGE = "Caractere nulo (\\0) não é aceito em texto.";

/**
 * The path of the first string — value or object key — that contains NUL, or null. PostgreSQL
 * cannot store NUL in text (error 22021), so such input is refused before it reaches a query.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNulPath(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes(NUL)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) return itemPath;
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}

/**
 * Throws 400 VALIDATION_FAILED when any string in `value` contains NUL. readJson, parseQuery and
 * authorizedAction call it; multipart handlers call it on their text fields.
 */
export function assertNoNul(value: unknown): void {
  const path = findNulPath(value);
  if (path !== null) throw new ApiError("VALIDATION_FAILED", "Dados inválidos.", [{ path, message: NUL_MESSAGE }]);
}
