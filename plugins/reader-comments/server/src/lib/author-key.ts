import { createHash } from 'node:crypto';

/**
 * Who wrote a comment, without storing an email twice: `user:<id>` for a signed-in author,
 * `email:<SHA-256 of the trimmed, lowercased address>` for a guest. Trust, blocks, duplicates and data
 * requests find an author's comments by it. Pure.
 */
export const authorKeyFor = (author: { userId: number } | { email: string }): string =>
  'userId' in author
    ? `user:${author.userId}`
    : `email:${createHash('sha256').update(author.email.trim().toLowerCase()).digest('hex')}`;
