import type { FileProvenance, ProvenanceRights } from 'strapi-plugin-thumbnails/shared';

/*
 * The provenance the thumbnails plugin stores on each upload file (`plugin::upload.file.provenance`): the
 * plugin owns the shape and exports it (`FileProvenance`); the app reads it from the database.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The stored value as a {@link FileProvenance}, or null when there is none or it is not a version-1
 * object (a JSON column may hold a string on some databases: it is parsed first).
 */
export function readProvenance(value: unknown): FileProvenance | null {
  let parsed = value;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return null;
    }
  }
  if (!isObject(parsed) || parsed.version !== 1) return null;
  return {
    ...parsed,
    rights: (isObject(parsed.rights) ? parsed.rights : {}) as ProvenanceRights,
  } as FileProvenance;
}

/** Whether the file itself says it was made (or edited) by a generative AI. */
export const fileSaysAiMade = (provenance: FileProvenance | null): boolean =>
  provenance?.aiGenerated === true;

/** The last segment of an IPTC digital source type URI, e.g. "trainedAlgorithmicMedia". */
export const digitalSourceTypeCode = (uri: string | undefined): string | undefined =>
  uri?.split('/').filter(Boolean).pop();
