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

/** The plugin's admin routes (server/src/routes/index.ts). */
const BASE = '/reader-comments';

/** A page of a moderation queue, newest first. */
export async function fetchQueue(
  queue: ModerationQueue,
  page: number,
  pageSize: number
): Promise<ModerationQueuePage> {
  const { get } = getFetchClient();
  const { data } = await get<ModerationQueuePage>(
    `${BASE}/queue?queue=${queue}&page=${page}&pageSize=${pageSize}`
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
