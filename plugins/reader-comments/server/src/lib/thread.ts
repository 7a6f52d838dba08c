/**
 * Where a reply goes in a thread. Threads are at most `maxLevels` deep (a top-level comment is level 1,
 * `depth` 0); a reply to a comment on the deepest level joins that comment's own level, under the same
 * parent, and names whom it answers, so a conversation goes on without narrowing the page. Pure.
 */

/** The comment a reader answers, as stored. */
export interface ParentComment {
  id: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  authorName: string;
}

/** Where the reply is stored. */
export interface Placement {
  parentId: number;
  /** The thread's top-level comment. */
  rootId: number;
  depth: number;
  /** The author answered, when the reply could not go under their comment (it was on the deepest level). */
  replyToName: string | null;
}

/** The placement of a reply to `parent` in threads of at most `maxLevels` levels (≥ 2: replies on). */
export function placeReply(parent: ParentComment, maxLevels: number): Placement {
  const rootId = parent.rootId ?? parent.id;
  if (parent.depth + 1 < maxLevels)
    return { parentId: parent.id, rootId, depth: parent.depth + 1, replyToName: null };
  return {
    parentId: parent.parentId ?? parent.id,
    rootId,
    depth: parent.depth,
    replyToName: parent.authorName,
  };
}
