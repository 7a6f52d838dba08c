/**
 * The provenance contract: what the plugin stores on `plugin::upload.file` as `provenance` (JSON) and
 * what it writes into variants as XMP. Apps read these shapes from the database and hand rights back to
 * `variants.rewriteRights`: import them from `strapi-plugin-thumbnails/shared`, never copy them. Change a
 * stored shape only together with `version`.
 */

/** Rights and AI provenance of an uploaded image, stored on `plugin::upload.file` as `provenance`. */
export interface FileProvenance {
  version: 1;
  rights: ProvenanceRights;
  /** Full IPTC URI, e.g. http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia */
  digitalSourceType?: string;
  /** True when the digital source type, or a C2PA action's, says the image was made or edited by an AI model. */
  aiGenerated: boolean;
  c2pa?: C2paInfo;
}

export interface ProvenanceRights {
  /** dc:creator, else IPTC By-line, else EXIF Artist. */
  creator?: string[];
  /** photoshop:Credit, else IPTC Credit. */
  creditLine?: string;
  /** dc:rights, else IPTC CopyrightNotice, else EXIF Copyright. */
  copyrightNotice?: string;
  /** xmpRights:WebStatement (a URL). */
  webStatement?: string;
  /** plus:Licensor (first one). */
  licensor?: { name?: string; url?: string };
  /** xmpRights:UsageTerms. */
  usageTerms?: string;
}

/** What the image's C2PA manifest store (Content Credentials) says, from its active manifest. */
export interface C2paInfo {
  present: true;
  claimGenerator?: string;
  actions: C2paAction[];
  /** The claim signature and the hard-binding hashes validate against the stored bytes. */
  validated: boolean;
  validationErrors?: string[];
}

export interface C2paAction {
  action: string;
  digitalSourceType?: string;
  softwareAgent?: string;
}

/** What a variant's XMP packet says: the rights and the digital source type, nothing else (`variants.rewriteRights` input). */
export interface VariantRights extends ProvenanceRights {
  digitalSourceType?: string;
}

/** The IPTC controlled vocabulary for digital source types; XMP may hold the bare code or the full URI. */
export const DIGITAL_SOURCE_TYPE_BASE = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
