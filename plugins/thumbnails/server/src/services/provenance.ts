import type { Core } from '@strapi/strapi';
import sharpModule, { type Metadata } from 'sharp';
import { createC2paReader } from '../lib/c2pa';
import { readProvenance, type FileProvenance } from '../lib/provenance';
import type { Sharp } from '../lib/render';

export interface ProvenanceServiceDeps {
  strapi: Core.Strapi;
  /** Injected in tests; the app's sharp otherwise. */
  sharp?: Sharp;
}

/**
 * Reads an image's rights and AI provenance (XMP, IPTC-IIM, EXIF, C2PA) for the `provenance` field of
 * `plugin::upload.file`. Used by the upload guard on the original bytes (before Strapi's size optimization
 * re-encodes them and drops every metadata block) and by the variants service for media that has none yet.
 */
const createProvenanceService = ({ strapi, sharp = sharpModule }: ProvenanceServiceDeps) => {
  const c2pa = createC2paReader();
  return {
    /**
     * The provenance of an image's bytes, or null when it carries none or is not an image. Never throws: a
     * damaged block or manifest is logged with `label` (the file name) and read as absent.
     */
    async read(input: Buffer, label: string, meta?: Metadata): Promise<FileProvenance | null> {
      return readProvenance(sharp, input, {
        meta,
        readC2pa: (bytes) => c2pa.read(bytes),
        onWarning: (message) => strapi.log.warn(`[thumbnails] "${label}": ${message}`),
      });
    },

    /** Stops the C2PA reader's worker thread (plugin destroy). */
    async close(): Promise<void> {
      await c2pa.close();
    },
  };
};

export type ProvenanceService = ReturnType<typeof createProvenanceService>;
export default createProvenanceService;
