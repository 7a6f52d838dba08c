/**
 * Word lists a site keeps per locale: a banned word refuses a comment, a suspect word holds it for a
 * moderator. Matching is on whole words, case- and accent-insensitive, so "hell" does not catch "hello"
 * or "Shell" (the false positives readers of other comment systems complain about). An entry may be a
 * phrase ("buy now"). Pure.
 */

/** The lists of one locale (and the ones for every locale under `*`). */
export interface WordLists {
  banned: string[];
  suspect: string[];
}

/** Lower case, accents removed, anything that is not a letter or digit as one space. */
export function foldForMatching(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** The entries of `list` that `text` contains as whole words, in list order (each once). */
export function matchWords(text: string, list: readonly string[]): string[] {
  const folded = foldForMatching(text);
  return list.filter((entry) => {
    const word = foldForMatching(entry);
    return word.trim().length > 0 && folded.includes(word);
  });
}

/** The banned and suspect entries `text` contains. */
export function checkWords(
  text: string,
  lists: WordLists
): { banned: string[]; suspect: string[] } {
  return { banned: matchWords(text, lists.banned), suspect: matchWords(text, lists.suspect) };
}
