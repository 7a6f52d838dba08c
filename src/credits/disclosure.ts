import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import { digitalSourceTypeCode, fileSaysAiMade } from './provenance';

/** One image an article shows, with what its file says and the credit it would be printed with. */
export interface ImageUse {
  /** The article field the editor fixes: `coverCredit` for the cover, `body` for body images. */
  field: 'coverCredit' | 'body';
  /** How the image is named to the editor, e.g. `the cover image "dalle.png"`. */
  label: string;
  provenance: FileProvenance | null;
  credit: { aiGenerated?: boolean | null } | null;
}

export interface DisclosureProblem {
  field: ImageUse['field'];
  message: string;
}

export interface DisclosureResult {
  /** AI-made images whose credit does not say so: publishing is refused. */
  refusals: DisclosureProblem[];
  /** Credits that say AI-made on files whose metadata says otherwise: reported, not refused. */
  warnings: DisclosureProblem[];
}

/**
 * What in a file marks it AI-made, as an editor reads it: "digital source type trainedAlgorithmicMedia",
 * else "Content Credentials from DALL·E c2pa-rs/0.31.0" (or just "Content Credentials").
 */
export function aiMadeReason(provenance: FileProvenance): string {
  const code = digitalSourceTypeCode(provenance.digitalSourceType);
  if (code) return `digital source type ${code}`;
  const generator = provenance.c2pa?.claimGenerator;
  return generator ? `Content Credentials from ${generator}` : 'Content Credentials';
}

/**
 * The AI disclosure rule: an image its file marks as AI-made (digital source type or C2PA) must be shown
 * with a credit that says `aiGenerated`; a credit that says AI-made on a file whose metadata says it is
 * not gets a warning (the editor may know better, e.g. metadata stripped by an editing tool).
 */
export function checkAiDisclosure(images: ImageUse[]): DisclosureResult {
  const result: DisclosureResult = { refusals: [], warnings: [] };
  for (const image of images) {
    const creditSays = image.credit?.aiGenerated === true;
    if (fileSaysAiMade(image.provenance) && !creditSays) {
      const has = image.credit ? 'its credit does not set aiGenerated' : 'it has no credit';
      result.refusals.push({
        field: image.field,
        message: `${image.label} is marked AI-made by its file (${aiMadeReason(image.provenance!)}), but ${has}: give it a credit with aiGenerated and aiTool before publishing`,
      });
    } else if (creditSays && image.provenance && !fileSaysAiMade(image.provenance)) {
      result.warnings.push({
        field: image.field,
        message: `${image.label} has a credit that says aiGenerated, but its file's metadata does not mark it AI-made`,
      });
    }
  }
  return result;
}
