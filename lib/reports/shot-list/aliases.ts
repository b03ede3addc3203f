import "server-only";
import { SHOT_LIST_MAX_ALIASES, SHOT_LIST_MAX_ANGLES } from "./schemas";

/**
 * Shot-list angle matching, pure (no DB): which required angle a photo's sequence is.
 *
 * A sequence is what lib/sku leaves after the SKU (`01`, `FRENTE`, `01_FRENTE`, `costas (2)`). It is
 * compared by key: NFKD with accents dropped, upper-case, separators (`_ - . space`) split it into
 * tokens, and a token made of digits loses its leading zeros (`_01`, `01`, `1` are one key). An
 * alias is keyed the same way, so `_01` and `01` are the same alias.
 *
 * Resolution: the whole sequence first (`01_FRENTE` as an alias), then its tokens left to right (the
 * first token that names an angle decides); copy markers such as `(2)` match nothing and are skipped.
 * A sequence no angle claims is unknown (null): the photo counts for no angle.
 */

export { SHOT_LIST_MAX_ALIASES, SHOT_LIST_MAX_ANGLES };

export type AngleDefinition = { name: string; aliases: readonly string[] };

const SEPARATORS = /[\s_\-.]+/u;

function keyOfToken(token: string): string {
  return /^\d+$/.test(token) ? token.replace(/^0+(?=\d)/, "") : token;
}

/** The tokens of a sequence or alias, keyed: `_01 Frente` → ["1", "FRENTE"]. */
export function sequenceTokens(value: string): string[] {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .split(SEPARATORS)
    .filter((t) => t !== "")
    .map(keyOfToken);
}

/** The comparison key of a whole alias or sequence: its tokens joined by `_` (`" _01 "` → `1`, `Frente-2` → `FRENTE_2`). */
export function aliasKey(value: string): string {
  return sequenceTokens(value).join("_");
}

/** Alias key → angle position, for the angles in order (the name is always an alias of its angle). */
export type AngleIndex = ReadonlyMap<string, number>;

export function buildAngleIndex(angles: readonly AngleDefinition[]): AngleIndex {
  const index = new Map<string, number>();
  angles.forEach((angle, position) => {
    for (const alias of [angle.name, ...angle.aliases]) {
      const key = aliasKey(alias);
      if (key !== "" && !index.has(key)) index.set(key, position);
    }
  });
  return index;
}

/** The position of the angle a sequence is, or null when no angle claims it. */
export function resolveAngle(index: AngleIndex, sequence: string | null | undefined): number | null {
  if (!sequence) return null;
  const tokens = sequenceTokens(sequence);
  if (tokens.length === 0) return null;
  const whole = index.get(tokens.join("_"));
  if (whole !== undefined) return whole;
  for (const token of tokens) {
    const position = index.get(token);
    if (position !== undefined) return position;
  }
  return null;
}

export type ShotListIssue =
  | { code: "SHOT_LIST_EMPTY_ANGLE_NAME"; params: { position: number } }
  | { code: "SHOT_LIST_DUPLICATE_ANGLE"; params: { angle: string } }
  | { code: "SHOT_LIST_ALIAS_CONFLICT"; params: { alias: string; angle: string; other: string } }
  | { code: "SHOT_LIST_INVALID_ALIAS"; params: { alias: string; angle: string } }
  | { code: "SHOT_LIST_TOO_MANY_ANGLES"; params: { max: number } }
  | { code: "SHOT_LIST_TOO_MANY_ALIASES"; params: { angle: string; max: number } };

/**
 * The first problem of a shot list as an admin typed it, or null: an empty angle name, two angles
 * with the same key, an alias that keys to nothing (`__`), one key claimed by two angles (an alias
 * of FRENTE that is COSTAS's name or alias), too many angles or aliases. Repeating an alias inside
 * one angle is harmless and allowed.
 */
export function findShotListIssue(angles: readonly AngleDefinition[]): ShotListIssue | null {
  if (angles.length > SHOT_LIST_MAX_ANGLES)
    return { code: "SHOT_LIST_TOO_MANY_ANGLES", params: { max: SHOT_LIST_MAX_ANGLES } };
  const owner = new Map<string, { angle: string; isName: boolean }>();
  for (const [i, angle] of angles.entries()) {
    const name = angle.name.trim();
    const nameKey = aliasKey(name);
    if (nameKey === "") return { code: "SHOT_LIST_EMPTY_ANGLE_NAME", params: { position: i + 1 } };
    if (angle.aliases.length > SHOT_LIST_MAX_ALIASES)
      return { code: "SHOT_LIST_TOO_MANY_ALIASES", params: { angle: name, max: SHOT_LIST_MAX_ALIASES } };
    const nameOwner = owner.get(nameKey);
    if (nameOwner?.isName) return { code: "SHOT_LIST_DUPLICATE_ANGLE", params: { angle: name } };
    if (nameOwner)
      return { code: "SHOT_LIST_ALIAS_CONFLICT", params: { alias: name, angle: name, other: nameOwner.angle } };
    owner.set(nameKey, { angle: name, isName: true });
    for (const alias of angle.aliases) {
      const key = aliasKey(alias);
      if (key === "") return { code: "SHOT_LIST_INVALID_ALIAS", params: { alias, angle: name } };
      const other = owner.get(key);
      if (other && other.angle !== name)
        return { code: "SHOT_LIST_ALIAS_CONFLICT", params: { alias: alias.trim(), angle: name, other: other.angle } };
      owner.set(key, { angle: name, isName: other?.isName ?? false });
    }
  }
  return null;
}

/** Angles as stored: names trimmed and upper-cased, aliases trimmed, deduplicated by key, in the order typed. */
export function normalizeAngles(angles: readonly AngleDefinition[]): { name: string; aliases: string[] }[] {
  return angles.map((angle) => {
    const name = angle.name.trim().toUpperCase();
    const seen = new Set<string>([aliasKey(name)]);
    const aliases: string[] = [];
    for (const alias of angle.aliases) {
      const key = aliasKey(alias);
      if (seen.has(key)) continue;
      seen.add(key);
      aliases.push(alias.trim());
    }
    return { name, aliases };
  });
}

/** Whole percent, floored (99.9 % never shows as 100 % while a cell is missing); 0 of 0 is 0. */
export function shotListPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((done / total) * 100);
}
