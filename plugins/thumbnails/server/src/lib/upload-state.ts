import type { Metadata } from 'sharp';

/**
 * What the steps of one upload learned that the row does not hold (the provenance travels as the row's
 * own `provenance`), handed on on the file object Strapi's upload plugin passes along (optimize →
 * formats → the row's create event), so nothing is read twice.
 */
export interface UploadState {
  /** sharp's header of the bytes stored as the file (the variants' source), when a step read them. */
  storedMeta?: Metadata;
}

/** A symbol, so the state never becomes a column, a log field or part of a response. */
const UPLOAD_STATE = Symbol.for('strapi-plugin-thumbnails.upload-state');

/** Puts `state` on `file` (Strapi copies the object with spreads, which keep symbol keys) and returns it. */
export function withUploadState<T extends object>(file: T, state: UploadState): T {
  return Object.assign(file, { [UPLOAD_STATE]: state });
}

/** The state an earlier step put on `file`, if any. */
export function uploadStateOf(file: unknown): UploadState | undefined {
  if (!file || typeof file !== 'object') return undefined;
  return (file as { [UPLOAD_STATE]?: UploadState })[UPLOAD_STATE];
}
