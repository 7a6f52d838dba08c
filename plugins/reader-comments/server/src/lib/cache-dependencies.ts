/**
 * What a public read of comments depends on, told to a response cache in front of Strapi through
 * `ctx.state.responseCacheDependencies` (`{ documentIds, lists, anyWrite }`, the convention of the kit's
 * cache; other caches may read it too): the documents whose comments it shows. The plugin announces every
 * change of those comments after its commit (`reader-comments.changed` with the documentId), so a cache
 * that drops a document's entries then never serves an old thread.
 */
export const DEPENDENCIES_STATE_KEY = 'responseCacheDependencies';

interface Declared {
  documentIds?: readonly string[];
  lists?: readonly string[];
  anyWrite?: boolean;
}

/** Adds `documentIds` to what the current response depends on. */
export function dependsOnDocuments(
  state: Record<string, unknown>,
  documentIds: readonly string[]
): void {
  const previous = state[DEPENDENCIES_STATE_KEY] as Declared | undefined;
  state[DEPENDENCIES_STATE_KEY] = {
    documentIds: [...(previous?.documentIds ?? []), ...documentIds],
    lists: [...(previous?.lists ?? [])],
    anyWrite: Boolean(previous?.anyWrite),
  } satisfies Declared;
}
