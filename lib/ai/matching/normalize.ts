/**
 * Comparing the AI's words with the carteira's: case, accents and punctuation removed, plural and
 * gender endings folded ("VERMELHAS" → "VERMELHO", "AZUIS" → "AZUL"), and two small explicit
 * synonym tables that group words into families — colours ("MARINHO" is an AZUL, "OFF WHITE" a
 * BRANCO) and garment types ("T-SHIRT" is a CAMISETA, both are tops). A word outside the tables
 * still compares by its folded spelling; it just has no family. The tables are deliberately short
 * and coarse: they exist to tell a clear contradiction (AZUL vs a red photo, CALÇA vs VESTIDO),
 * not to grade shades.
 */

/** Upper case, no accents, letters and digits only, single spaces. "Off-White " → "OFF WHITE". */
export function normalizeText(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** Colour families (a word may belong to two: TURQUESA is blue and green). Keys are folded words. */
const COLOR_FAMILIES: Record<string, string[]> = {
  PRETO: ["PRETO"],
  NEGRO: ["PRETO"],
  BLACK: ["PRETO"],
  ONIX: ["PRETO"],
  BRANCO: ["BRANCO"],
  WHITE: ["BRANCO"],
  "OFF WHITE": ["BRANCO", "BEGE"],
  OFFWHITE: ["BRANCO", "BEGE"],
  GELO: ["BRANCO", "CINZA"],
  MARFIM: ["BRANCO", "BEGE"],
  CRU: ["BRANCO", "BEGE"],
  PEROLA: ["BRANCO"],
  CINZA: ["CINZA"],
  GREY: ["CINZA"],
  GRAY: ["CINZA"],
  GRAFITE: ["CINZA", "PRETO"],
  CHUMBO: ["CINZA", "PRETO"],
  MESCLA: ["CINZA"],
  PRATA: ["CINZA"],
  PRATEADO: ["CINZA"],
  AZUL: ["AZUL"],
  BLUE: ["AZUL"],
  MARINHO: ["AZUL"],
  NAVY: ["AZUL"],
  JEANS: ["AZUL"],
  ANIL: ["AZUL"],
  INDIGO: ["AZUL"],
  CELESTE: ["AZUL"],
  AZULAO: ["AZUL"],
  TURQUESA: ["AZUL", "VERDE"],
  PETROLEO: ["AZUL", "VERDE"],
  VERDE: ["VERDE"],
  GREEN: ["VERDE"],
  MILITAR: ["VERDE"],
  OLIVA: ["VERDE"],
  MUSGO: ["VERDE"],
  MENTA: ["VERDE"],
  "VERDE AGUA": ["VERDE", "AZUL"],
  VERMELHO: ["VERMELHO"],
  RED: ["VERMELHO"],
  CEREJA: ["VERMELHO"],
  VINHO: ["VERMELHO", "ROXO"],
  BORDO: ["VERMELHO", "ROXO"],
  MARSALA: ["VERMELHO", "MARROM"],
  BURGUNDY: ["VERMELHO", "ROXO"],
  ROSA: ["ROSA"],
  PINK: ["ROSA"],
  ROSE: ["ROSA"],
  CORAL: ["ROSA", "LARANJA", "VERMELHO"],
  ROXO: ["ROXO"],
  PURPLE: ["ROXO"],
  LILAS: ["ROXO", "ROSA"],
  LAVANDA: ["ROXO"],
  VIOLETA: ["ROXO"],
  UVA: ["ROXO"],
  PURPURA: ["ROXO"],
  BERINJELA: ["ROXO"],
  AMARELO: ["AMARELO"],
  YELLOW: ["AMARELO"],
  MOSTARDA: ["AMARELO", "LARANJA"],
  DOURADO: ["AMARELO"],
  OURO: ["AMARELO"],
  LARANJA: ["LARANJA"],
  ORANGE: ["LARANJA"],
  TERRACOTA: ["LARANJA", "MARROM", "VERMELHO"],
  TELHA: ["LARANJA", "MARROM"],
  MARROM: ["MARROM"],
  BROWN: ["MARROM"],
  CAFE: ["MARROM"],
  CHOCOLATE: ["MARROM"],
  TABACO: ["MARROM"],
  CONHAQUE: ["MARROM"],
  CARAMELO: ["MARROM", "BEGE"],
  CAMEL: ["MARROM", "BEGE"],
  BEGE: ["BEGE"],
  BEIGE: ["BEGE"],
  CAQUI: ["BEGE", "VERDE"],
  KHAKI: ["BEGE", "VERDE"],
  AREIA: ["BEGE"],
  NUDE: ["BEGE", "ROSA"],
};

/** Garment-type families (coarse on purpose: a CAMISA and a BLUSA are both tops). */
const GARMENT_FAMILIES: Record<string, string[]> = {
  CAMISETA: ["TOP"],
  "T SHIRT": ["TOP"],
  TSHIRT: ["TOP"],
  BLUSA: ["TOP"],
  BLUSINHA: ["TOP"],
  REGATA: ["TOP"],
  TOP: ["TOP"],
  CROPPED: ["TOP"],
  BATA: ["TOP"],
  BODY: ["TOP"],
  POLO: ["TOP"],
  CAMISA: ["TOP"],
  CHEMISE: ["TOP", "VESTIDO"],
  SHIRT: ["TOP"],
  BLOUSE: ["TOP"],
  SUETER: ["TOP", "CASACO"],
  TRICO: ["TOP", "CASACO"],
  TRICOT: ["TOP", "CASACO"],
  MOLETOM: ["TOP", "CASACO"],
  BLUSAO: ["TOP", "CASACO"],
  CARDIGA: ["TOP", "CASACO"],
  CARDIGAN: ["TOP", "CASACO"],
  SWEATER: ["TOP", "CASACO"],
  JAQUETA: ["CASACO"],
  JAQUETAO: ["CASACO"],
  CASACO: ["CASACO"],
  BLAZER: ["CASACO"],
  PALETO: ["CASACO"],
  SOBRETUDO: ["CASACO"],
  TRENCH: ["CASACO"],
  PARKA: ["CASACO"],
  COLETE: ["CASACO"],
  KIMONO: ["CASACO"],
  JACKET: ["CASACO"],
  COAT: ["CASACO"],
  CALCA: ["CALCA"],
  LEGGING: ["CALCA"],
  PANTALONA: ["CALCA"],
  JOGGER: ["CALCA"],
  PANTS: ["CALCA"],
  TROUSERS: ["CALCA"],
  BERMUDA: ["SHORT"],
  SHORT: ["SHORT"],
  SHORTINHO: ["SHORT"],
  SHORTS: ["SHORT"],
  SAIA: ["SAIA"],
  SKIRT: ["SAIA"],
  VESTIDO: ["VESTIDO"],
  DRESS: ["VESTIDO"],
  MACACAO: ["MACACAO"],
  MACAQUINHO: ["MACACAO"],
  JARDINEIRA: ["MACACAO"],
  JUMPSUIT: ["MACACAO"],
  SAPATO: ["CALCADO"],
  TENIS: ["CALCADO"],
  SANDALIA: ["CALCADO"],
  BOTA: ["CALCADO"],
  SAPATILHA: ["CALCADO"],
  CHINELO: ["CALCADO"],
  RASTEIRA: ["CALCADO"],
  SCARPIN: ["CALCADO"],
  MULE: ["CALCADO"],
  SNEAKER: ["CALCADO"],
  SHOE: ["CALCADO"],
  CALCADO: ["CALCADO"],
  BOLSA: ["BOLSA"],
  MOCHILA: ["BOLSA"],
  CLUTCH: ["BOLSA"],
  BAG: ["BOLSA"],
  CINTO: ["ACESSORIO"],
  BONE: ["ACESSORIO"],
  CHAPEU: ["ACESSORIO"],
  LENCO: ["ACESSORIO"],
  CACHECOL: ["ACESSORIO"],
  OCULOS: ["ACESSORIO"],
  COLAR: ["ACESSORIO"],
  BRINCO: ["ACESSORIO"],
  PULSEIRA: ["ACESSORIO"],
  ACESSORIO: ["ACESSORIO"],
  CALCINHA: ["INTIMO"],
  SUTIA: ["INTIMO"],
  CUECA: ["INTIMO"],
  LINGERIE: ["INTIMO"],
  PIJAMA: ["INTIMO"],
  CAMISOLA: ["INTIMO"],
  BIQUINI: ["PRAIA"],
  MAIO: ["PRAIA"],
  SUNGA: ["PRAIA"],
};

/** Folded spellings a plural/gender ending may take, tried in order until one is in the table. */
function foldings(word: string): string[] {
  const out = [word];
  const add = (w: string) => {
    if (w.length >= 3 && !out.includes(w)) out.push(w);
  };
  if (word.endsWith("IS")) add(`${word.slice(0, -2)}L`); // AZUIS → AZUL
  if (word.endsWith("NS")) add(`${word.slice(0, -2)}M`); // MARRONS → MARROM
  if (word.endsWith("ES")) add(word.slice(0, -2)); // BLAZERES → BLAZER
  if (word.endsWith("S")) add(word.slice(0, -1)); // CALCAS → CALCA
  for (const w of [...out]) if (w.endsWith("A")) add(`${w.slice(0, -1)}O`); // VERMELHA → VERMELHO
  return out;
}

/** An unknown word's comparable form: without a plural "S" and with "A" endings as "O". */
export function stem(word: string): string {
  const singular = word.length > 3 && word.endsWith("S") ? word.slice(0, -1) : word;
  return singular.length > 3 && singular.endsWith("A") ? `${singular.slice(0, -1)}O` : singular;
}

export type Folded = { words: string[]; families: Set<string> };

/**
 * A value's folded words and the families they name, using one table. Two-word table entries
 * ("OFF WHITE", "VERDE ÁGUA", "T-SHIRT") are matched before single words.
 */
function fold(value: string, table: Record<string, string[]>): Folded {
  const tokens = normalizeText(value).split(" ").filter(Boolean);
  const words: string[] = [];
  const families = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? `${tokens[i]} ${tokens[i + 1]}` : null;
    if (pair && table[pair]) {
      words.push(pair);
      for (const f of table[pair]!) families.add(f);
      i++;
      continue;
    }
    const forms = foldings(tokens[i]!);
    const known = forms.find((w) => table[w]);
    words.push(known ?? stem(tokens[i]!));
    if (known) for (const f of table[known]!) families.add(f);
  }
  return { words, families };
}

/**
 * A function's results by input, forgotten all at once past `max` entries. Carteira values repeat
 * across a collection's products and across a run's photos: scoring a 10,000-product carteira
 * folds each name once instead of once per photo. Results are shared: callers must not mutate them.
 */
export function memoize<T>(fn: (value: string) => T, max = 50_000): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    let hit = cache.get(value);
    if (hit === undefined) {
      if (cache.size >= max) cache.clear();
      hit = fn(value);
      cache.set(value, hit);
    }
    return hit;
  };
}

export const foldColor = memoize((value: string) => fold(value, COLOR_FAMILIES));
export const foldGarment = memoize((value: string) => fold(value, GARMENT_FAMILIES));

/** Whether two values name the same thing: a shared family, or the same folded words. */
export function agrees(a: Folded, b: Folded): boolean {
  for (const f of a.families) if (b.families.has(f)) return true;
  const bw = new Set(b.words);
  return a.words.length > 0 && a.words.every((w) => bw.has(w));
}

/** Whether two values clearly contradict: both name families of the table, and none is shared. */
export function contradicts(a: Folded, b: Folded): boolean {
  if (a.families.size === 0 || b.families.size === 0) return false;
  return !agrees(a, b);
}
