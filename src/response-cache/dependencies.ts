import type { Context } from 'koa';
import { digest } from './rules';

/*
 * Dependency tags: the vocabulary shared by what a cached response depends on and what a write
 * invalidates. A tag is a short string; a store keeps, per tag, the sequence number of the last write that
 * touched it, and an entry is fresh while none of its tags was touched after the entry's snapshot.
 */

/** Every entry depends on it; touched by writes that can change any response (permissions, roles, locales). */
export const ALL_TAG = 'all';
/** Touched by every invalidating write; entries whose dependencies cannot be told depend on it. */
export const ANY_WRITE_TAG = 'any';
/** Above this many dependencies an entry depends on {@link ANY_WRITE_TAG} instead (bounds the work of a lookup). */
export const MAX_DEPENDENCIES = 500;

/** A document, in every locale and status: `documentId`s are unique across content types. Touched when it is written. */
export const documentTag = (documentId: string): string => `doc:${documentId}`;
/**
 * A document's relations and what is counted through them (a tag's `articleCount`): touched when a
 * document related to it is written (published, unpublished, deleted, connected). Responses depend on it
 * where the document is an entry of `data`, or is nested with a relation populated; a tag merely shown
 * inside an article does not, so publishing another article with that tag leaves the article cached.
 */
export const relationsTag = (documentId: string): string => `rel:${documentId}`;
/** Every list (a response whose `data` is an array) of a content type. */
export const listTag = (uid: string): string => `list:${uid}`;
/** An upload file by row id: blocks bodies embed image files by id (or URL) without their documentId. */
export const mediaIdTag = (id: number): string => `media:${id}`;
/** An upload file by URL (an image node in a blocks body that kept only the URL). */
export const mediaUrlTag = (url: string): string => `media-url:${digest(url)}`;

/**
 * What another kind of route declares its response depends on, for responses whose body does not say it
 * (see {@link declareResponseDependencies}). Merged with what the body shows.
 */
export interface DeclaredDependencies {
  /** documentIds the response shows or was computed from, with their relations (any content type, any locale). */
  documentIds?: readonly string[];
  /** Content types of which the response lists entries, or counts, filters or sorts them: any publish of that type may change it. */
  lists?: readonly string[];
  /** The response may change with any write: it is invalidated by every invalidating write. */
  anyWrite?: boolean;
}

/** The `ctx.state` key under which a route declares its response's dependencies. */
export const DEPENDENCIES_STATE_KEY = 'responseCacheDependencies';

/**
 * Declares what the response of the current request depends on, in addition to what the cache reads
 * from the body (every `documentId` anywhere in it, and the route's content type when `data` is a list).
 * For routes whose body does not show it: a GraphQL GET (data under `data.<query>`, lists not at
 * `data`), an aggregate, a list of another type than the route's. Call it from the controller (or a
 * resolver) before the response is returned; several calls add up.
 */
export function declareResponseDependencies(
  ctx: Pick<Context, 'state'>,
  declared: DeclaredDependencies
): void {
  const previous = ctx.state[DEPENDENCIES_STATE_KEY] as DeclaredDependencies | undefined;
  ctx.state[DEPENDENCIES_STATE_KEY] = {
    documentIds: [...(previous?.documentIds ?? []), ...(declared.documentIds ?? [])],
    lists: [...(previous?.lists ?? []), ...(declared.lists ?? [])],
    anyWrite: Boolean(previous?.anyWrite || declared.anyWrite),
  } satisfies DeclaredDependencies;
}

/** Whether a value is a plain JSON object (not an array, not null). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The dependency tags of a public response: a `doc:` tag per `documentId` anywhere in the body (the
 * entries returned and every relation or media file populated in them); a `rel:` tag per entry of `data`
 * and per nested document showing one of its relations (a key in `relationKeys`, the names of relation
 * and media attributes, whatever the value: `null` and `[]` are populated relations too); `media:` tags
 * for upload files a blocks body embeds by id or URL; a `list:` tag of the route's content type when
 * `data` is a list; and whatever the route declared. A response with no tag at all (nothing tells what
 * it shows), or with more than {@link MAX_DEPENDENCIES}, depends on any write instead.
 */
export function responseDependencies(
  body: unknown,
  options: {
    uid: string | null;
    declared?: DeclaredDependencies;
    relationKeys?: ReadonlySet<string>;
  }
): string[] {
  const tags = new Set<string>();
  const data = isObject(body) ? body.data : undefined;
  const entries = new Set<unknown>(Array.isArray(data) ? data : [data]);
  const showsRelations = (value: Record<string, unknown>) =>
    entries.has(value) || Object.keys(value).some((key) => options.relationKeys?.has(key));
  const stack: unknown[] = [body];
  while (stack.length > 0 && tags.size <= MAX_DEPENDENCIES) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (!isObject(value)) continue;
    if (typeof value.documentId === 'string' && value.documentId !== '') {
      tags.add(documentTag(value.documentId));
      if (showsRelations(value)) tags.add(relationsTag(value.documentId));
    }
    // An upload file (a populated media field, or the copy a blocks image node keeps) by its row id; an
    // image node that kept only the URL, by URL.
    if (
      typeof value.id === 'number' &&
      typeof value.url === 'string' &&
      typeof value.mime === 'string'
    )
      tags.add(mediaIdTag(value.id));
    const image = value.type === 'image' && isObject(value.image) ? value.image : null;
    if (image && typeof image.id !== 'number' && typeof image.url === 'string')
      tags.add(mediaUrlTag(image.url));
    for (const child of Object.values(value))
      if (typeof child === 'object' && child !== null) stack.push(child);
  }
  if (Array.isArray(data) && options.uid) tags.add(listTag(options.uid));
  const declared = options.declared;
  for (const documentId of declared?.documentIds ?? []) {
    tags.add(documentTag(documentId));
    tags.add(relationsTag(documentId));
  }
  for (const uid of declared?.lists ?? []) tags.add(listTag(uid));
  if (declared?.anyWrite || tags.size === 0 || tags.size > MAX_DEPENDENCIES) return [ANY_WRITE_TAG];
  return [...tags].sort();
}

/**
 * Whether an entry stored with `snapshot` (the write sequence read before its response was computed) is
 * still fresh, given the last-write sequence of each of its tags (null: never touched, or long ago).
 * A write whose sequence is above the snapshot may not be in the response: the entry is stale.
 */
export function isFresh(snapshot: number, tagVersions: ReadonlyArray<number | null>): boolean {
  return tagVersions.every((version) => version === null || version <= snapshot);
}
