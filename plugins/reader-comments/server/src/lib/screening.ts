import type { HoldRule } from '../../../shared/contracts';
import { countLinks } from './text';
import { checkWords, type WordLists } from './words';

/**
 * The content rules a new comment passes before it is stored: what the reader wrote (links, banned and
 * suspect words) and who the site pre-moderates. The first rule that applies decides, and a held comment
 * records that rule so a moderator sees why it waits. Pure.
 */

export type { HoldRule };

export type Verdict =
  | { verdict: 'refuse'; reason: string }
  | { verdict: 'hold'; rule: HoldRule; detail: string }
  | { verdict: 'approve' };

export interface ScreeningInput {
  text: string;
  /** The author's name is screened with the text: a name is published too. */
  authorName: string;
  lists: WordLists;
  /** More links than this hold the comment. */
  maxLinks: number;
  /** The site pre-moderates this comment's type, document or one of its tags. */
  preModerated: boolean;
  /** Which pre-moderation applies ("this document is pre-moderated"), shown to moderators. */
  preModeratedBy?: string;
  /** Approved comments the author has (a signed-in user, or a verified guest's email); null when unknown (a new guest). */
  approvedBefore: number | null;
  /** Authors with fewer approved comments are held (0: no first-time moderation). */
  trustAfter: number;
}

/** What happens to a new comment: refused (400, nothing stored), held for a moderator, or published. */
export function screen(input: ScreeningInput): Verdict {
  const { banned, suspect } = checkWords(`${input.authorName}\n${input.text}`, input.lists);
  if (banned.length > 0)
    return { verdict: 'refuse', reason: 'the comment contains words this site does not publish' };
  const links = countLinks(input.text);
  if (links > input.maxLinks)
    return {
      verdict: 'hold',
      rule: 'links',
      detail: `${links} links (more than ${input.maxLinks})`,
    };
  if (suspect.length > 0)
    return {
      verdict: 'hold',
      rule: 'suspect-words',
      detail: `suspect words: ${suspect.join(', ')}`,
    };
  if (input.preModerated)
    return {
      verdict: 'hold',
      rule: 'pre-moderation',
      detail: input.preModeratedBy ?? 'comments here are read before they are published',
    };
  if (input.trustAfter > 0 && (input.approvedBefore ?? 0) < input.trustAfter) {
    return {
      verdict: 'hold',
      rule: 'new-commenter',
      detail: `${input.approvedBefore ?? 0} approved comments (fewer than ${input.trustAfter})`,
    };
  }
  return { verdict: 'approve' };
}
