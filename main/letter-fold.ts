// How names are read without their accents, for search and for sorting by name: one set of letter
// rules for the tray window's list (renderer/src/roster/entry.ts) and Settings' agent and team pickers
// (main/monitor/picker-choices.ts), so "oyvind" finds Øyvind in both.

/** Letters NFD does not take apart, as CLDR's root collation orders them at the first level (ø as o, ß as ss …). */
const FOLDED: Readonly<Record<string, string>> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', ħ: 'h', ĳ: 'ij', ŀ: 'l', ſ: 's' };
const FOLDABLE = /[øæœßđðłħĳŀſ]/g;
/** Combining marks, as NFD leaves them after the letter they sat on. */
const MARKS = /\p{M}+/gu;

/**
 * Letters the collator orders as letters of their own, right after a Latin one (ı after i, so
 * "Aydın" comes after "Aydinç" and before "Aydj…"; ŋ after n, ŧ after t, þ after z, ƿ after þ …), and what search
 * reads them as ("aydin" finds "Aydın"). Sorting spells each as its base letter, U+FFFF (above every
 * letter) and itself, so two of them after the same base keep the collator's order.
 */
export const AFTER: Readonly<Record<string, readonly [sortAs: string, searchAs: string]>> = {
  ƀ: ['b', 'b'], ǝ: ['e', 'e'], ƒ: ['f', 'f'], ɣ: ['g', 'g'], ı: ['i', 'i'], ɨ: ['i', 'i'], ŋ: ['n', 'n'], ĸ: ['q', 'k'], ŧ: ['t', 't'], ʒ: ['z', 'z'], þ: ['z\uffff', 'th'], ƿ: ['z\uffff\uffff', 'w'],
};
export const OWN_LETTER = new RegExp(`[${Object.keys(AFTER).join('')}]`, 'g');

/** `text` (lower case) with its accents taken off and the letters NFD does not take apart spelled plainly: "øre" → "ore", "straße" → "strasse". */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').replace(FOLDABLE, (c) => FOLDED[c]!);
}

/**
 * `text` lower-cased with its accents taken off (NFD's marks) and the letters above read as search
 * reads them: "Øyvind Aydın" → "oyvind aydin", "Straße" → "strasse". Printable ASCII comes back only
 * lower-cased, without the Unicode work.
 */
export function searchFold(text: string): string {
  const lower = text.toLowerCase();
  if (/^[ -~]*$/.test(lower)) return lower;
  return foldAccents(lower).replace(OWN_LETTER, (c) => AFTER[c]![1]);
}
