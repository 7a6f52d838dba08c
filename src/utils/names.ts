/**
 * Names compared as people read them: two tag names are the same tag when they look the same.
 *
 * - Unicode NFKC: full-width "Ａｉ" is "Ai", the ligature "ﬁ" is "fi", a no-break space is a space.
 * - Invisible characters removed: zero-width spaces/joiners, the byte-order mark, soft hyphens and the
 *   bidirectional controls (they make "A\u200bI" look like "AI", or reorder text on screen).
 * - Whitespace trimmed and inner runs collapsed to one space.
 * - Full case folding (for the key only): "ß", "ẞ" and "SS" compare equal, "Été" and "été" too, and the
 *   Turkish dotted capital "İ" folds to "i̇" (i + combining dot above), as Unicode's default folding does.
 *
 * The folding is done in JavaScript, never with the database's LOWER (SQLite's folds ASCII only), so the
 * same key comes out on SQLite, PostgreSQL and MySQL/MariaDB.
 */

/**
 * Zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the soft hyphen (U+00AD), the Mongolian
 * vowel separator (U+180E), and the bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E,
 * U+2066–U+2069).
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Removes zero-width and bidirectional control characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The name as stored: NFKC, without invisible characters, trimmed, inner whitespace collapsed.
 * Case is kept: "AI" stays "AI".
 */
export function cleanName(name: string): string {
  return stripInvisible(name.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/**
 * Unicode full case folding (the default, non-Turkic mapping) of a string.
 *
 * JavaScript has no casefold(); lower → upper → lower reaches the folded form for the letters that
 * matter here: "ẞ" → "ß" → "SS" → "ss", "ß" → "ss", final sigma "ς" → "σ", "İ" → "i̇".
 */
export function foldCase(text: string): string {
  return text.toLowerCase().toUpperCase().toLowerCase();
}

/**
 * The comparison key of a name: two names with the same key are the same name. NFKC is applied again
 * after folding (folding can produce characters NFKC changes), as Unicode's NFKC_Casefold does.
 */
export function nameKey(name: string): string {
  return foldCase(cleanName(name)).normalize('NFKC');
}
