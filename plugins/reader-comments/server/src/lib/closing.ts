import type { DocumentMode } from '../content-types';

/**
 * Whether a document still takes new comments. Pure. `closeAfterDays` counts from the document's first
 * publication, so unpublishing and publishing again (a correction, a new cover) does not reopen it.
 */
export function closedReason(input: {
  mode: DocumentMode;
  firstPublishedAt: Date;
  closeAfterDays: number;
  now: number;
}): string | null {
  if (input.mode === 'closed') return 'Comments are closed on this document';
  if (
    input.closeAfterDays > 0 &&
    input.now - input.firstPublishedAt.getTime() > input.closeAfterDays * 86_400_000
  )
    return `Comments are closed on this document (${input.closeAfterDays} days after it was first published)`;
  return null;
}
