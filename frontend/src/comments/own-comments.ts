/**
 * This browser's own comments: the edit token a post returned (shown once by the API), until the edit
 * window closes, and a copy of a comment that waits for moderation so its author still sees it after a
 * reload. Kept in localStorage under one key; expired entries are dropped whenever it is read.
 */
import { TOKENS_KEY } from './texts';

export interface OwnComment {
  id: number;
  token: string;
  /** ISO time; the API refuses edits after it. */
  editableUntil: string;
  /** Set while the API holds the comment: what to show its author meanwhile. */
  pending?: { name: string; html: string; createdAt: string; parentId: number | null };
}

const isOwnComment = (value: unknown): value is OwnComment => {
  const entry = value as Partial<OwnComment> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'number' &&
    typeof entry.token === 'string' &&
    typeof entry.editableUntil === 'string'
  );
};

/** The entries still inside their edit window (storage that is missing or garbled reads as none). */
export function readOwn(storage: Storage, now = Date.now()): OwnComment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(TOKENS_KEY) ?? '[]');
  } catch {
    parsed = [];
  }
  return (Array.isArray(parsed) ? parsed : [])
    .filter(isOwnComment)
    .filter((entry) => Date.parse(entry.editableUntil) > now);
}

function write(storage: Storage, entries: OwnComment[]): void {
  try {
    storage.setItem(TOKENS_KEY, JSON.stringify(entries));
  } catch {
    // Private mode or a full quota: the comment is posted; only editing it later is lost.
  }
}

/** Adds or replaces one entry (by id). */
export function saveOwn(storage: Storage, entry: OwnComment): void {
  write(storage, [...readOwn(storage).filter((own) => own.id !== entry.id), entry]);
}

/** Removes one entry, e.g. after its comment was deleted. */
export function forgetOwn(storage: Storage, id: number): void {
  write(
    storage,
    readOwn(storage).filter((own) => own.id !== id)
  );
}
