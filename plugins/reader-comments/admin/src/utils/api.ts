import { getFetchClient } from '@strapi/strapi/admin';
import type {
  BlockBy,
  BlockResult,
  ModerationAction,
  ModerationLogPage,
  ModerationQueue,
  ModerationQueuePage,
  ModerationResult,
  ModeratorEditResult,
} from '../../../shared/contracts';
import type {
  DocumentCommentMode,
  DocumentCommentsSummary,
  PreModerationSettings,
  QueueCounts,
  RelatedPreModerationRule,
  WordListsByLocale,
  WordListsSettings,
} from '../../../shared/contracts';

/** The plugin's admin routes (server/src/routes/index.ts). */
const BASE = '/reader-comments';

/** A page of a moderation queue, newest first (only one document's comments with `document`). */
export async function fetchQueue(
  queue: ModerationQueue,
  page: number,
  pageSize: number,
  document?: { uid: string; documentId: string }
): Promise<ModerationQueuePage> {
  const { get } = getFetchClient();
  const filter = document
    ? `&uid=${encodeURIComponent(document.uid)}&documentId=${encodeURIComponent(document.documentId)}`
    : '';
  const { data } = await get<ModerationQueuePage>(
    `${BASE}/queue?queue=${queue}&page=${page}&pageSize=${pageSize}${filter}`
  );
  return data;
}

/** How many comments a queue holds (one row fetched, the total read). */
export async function fetchQueueTotal(queue: ModerationQueue): Promise<number> {
  return (await fetchQueue(queue, 1, 1)).meta.total;
}

/** One decision on one or many comments. */
export async function moderate(
  ids: number[],
  action: ModerationAction,
  reason?: string
): Promise<ModerationResult> {
  const { post } = getFetchClient();
  const { data } = await post<ModerationResult>(`${BASE}/moderate`, {
    ids,
    action,
    ...(reason ? { reason } : {}),
  });
  return data;
}

/** A moderator's edit of a comment's text, with the reason the log and the revision keep. */
export async function editComment(
  id: number,
  text: string,
  reason: string
): Promise<ModeratorEditResult> {
  const { put } = getFetchClient();
  const { data } = await put<ModeratorEditResult>(`${BASE}/comments/${id}`, { text, reason });
  return data;
}

/** Blocks the author (account or email) or the address of comment `id`. */
export async function blockAuthor(id: number, by: BlockBy, reason?: string): Promise<BlockResult> {
  const { post } = getFetchClient();
  const { data } = await post<BlockResult>(`${BASE}/comments/${id}/block`, {
    by,
    ...(reason ? { reason } : {}),
  });
  return data;
}

/** A page of the moderation log, newest first. */
export async function fetchLog(page: number, pageSize: number): Promise<ModerationLogPage> {
  const { get } = getFetchClient();
  const { data } = await get<ModerationLogPage>(`${BASE}/log?page=${page}&pageSize=${pageSize}`);
  return data;
}

/** The message of a refusal from the server (Strapi's `{ error: { message } }`), or null for anything else. */
export const serverMessage = (error: unknown): string | null =>
  (error as { response?: { data?: { error?: { message?: string } } } } | null)?.response?.data
    ?.error?.message ?? null;

/** How many comments each queue holds (one query on the server). */
export async function fetchQueueCounts(): Promise<QueueCounts> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: QueueCounts }>(`${BASE}/queue-counts`);
  return data.data;
}

const documentPath = (uid: string, documentId: string) =>
  `${BASE}/documents/${encodeURIComponent(uid)}/${encodeURIComponent(documentId)}`;

/** A document's comment counts per queue and its mode (open, pre-moderated, closed). */
export async function fetchDocumentComments(
  uid: string,
  documentId: string
): Promise<DocumentCommentsSummary['data']> {
  const { get } = getFetchClient();
  const { data } = await get<DocumentCommentsSummary>(documentPath(uid, documentId));
  return data.data;
}

/** Sets a document's mode. */
export async function saveDocumentMode(
  uid: string,
  documentId: string,
  mode: DocumentCommentMode
): Promise<DocumentCommentsSummary['data']> {
  const { put } = getFetchClient();
  const { data } = await put<DocumentCommentsSummary>(documentPath(uid, documentId), { mode });
  return data.data;
}

/** The word lists in force. */
export async function fetchWordLists(): Promise<WordListsSettings['data']> {
  const { get } = getFetchClient();
  const { data } = await get<WordListsSettings>(`${BASE}/settings/words`);
  return data.data;
}

/** Replaces the word lists. */
export async function saveWordLists(words: WordListsByLocale): Promise<WordListsSettings['data']> {
  const { put } = getFetchClient();
  const { data } = await put<WordListsSettings>(`${BASE}/settings/words`, { words });
  return data.data;
}

/** The pre-moderation rules on related documents, and the relation fields they can use. */
export async function fetchPreModeration(): Promise<PreModerationSettings['data']> {
  const { get } = getFetchClient();
  const { data } = await get<PreModerationSettings>(`${BASE}/settings/pre-moderation`);
  return data.data;
}

/** Replaces the pre-moderation rules. */
export async function savePreModeration(
  rules: RelatedPreModerationRule[]
): Promise<PreModerationSettings['data']> {
  const { put } = getFetchClient();
  const { data } = await put<PreModerationSettings>(`${BASE}/settings/pre-moderation`, { rules });
  return data.data;
}

/** Documents of `target` a rule can name (up to 100). */
export async function fetchRelatedOptions(
  target: string
): Promise<Array<{ documentId: string; label: string }>> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: Array<{ documentId: string; label: string }> }>(
    `${BASE}/settings/related?target=${encodeURIComponent(target)}`
  );
  return data.data;
}

/** Who a data request is about: `email=` or `userId=`. */
const dataQuery = (who: { email: string } | { userId: number }) =>
  'email' in who ? `email=${encodeURIComponent(who.email)}` : `userId=${who.userId}`;

/** Everything kept about one commenter (a data access request). */
export async function exportPersonalData(
  who: { email: string } | { userId: number }
): Promise<unknown> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: unknown }>(`${BASE}/personal-data?${dataQuery(who)}`);
  return data.data;
}

/** Erases one commenter's comments and reports (an erasure request). */
export async function erasePersonalData(
  who: { email: string } | { userId: number }
): Promise<{ erased: number }> {
  const { del } = getFetchClient();
  const { data } = await del<{ data: { erased: number } }>(
    `${BASE}/personal-data?${dataQuery(who)}`
  );
  return data.data;
}
