import type { Core } from '@strapi/strapi';
import sharpModule, { type Metadata } from 'sharp';
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
const createProvenanceService = ({ strapi, sharp = sharpModule }: ProvenanceServiceDeps) => ({
  /**
   * The provenance of an image's bytes, or null when it carries none or is not an image. Never throws: a
   * damaged block is logged with `label` (the file name) and read as absent.
   */
  async read(input: Buffer, label: string, meta?: Metadata): Promise<FileProvenance | null> {
    return readProvenance(sharp, input, {
      meta,
      onWarning: (message) => strapi.log.warn(`[thumbnails] "${label}": ${message}`),
    });
  },
});

export type ProvenanceService = ReturnType<typeof createProvenanceService>;
export default createProvenanceService;
