import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

export const FILE = 'plugin::upload.file';
export const AI_SOURCE = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

/** The provenance of an image made with DALL·E, as the thumbnails plugin stores it. */
export const DALLE_PROVENANCE = {
  version: 1,
  rights: { creator: ['Lawrence W. Sinclair'], copyrightNotice: '© 2023 Lawrence W. Sinclair' },
  digitalSourceType: AI_SOURCE,
  aiGenerated: true,
  c2pa: {
    present: true,
    claimGenerator: 'DALL·E c2pa-rs/0.31.0',
    actions: [{ action: 'c2pa.created', digitalSourceType: AI_SOURCE }],
    validated: true,
  },
};

/** The provenance of a camera photo under CC BY-SA. */
export const PHOTO_PROVENANCE = {
  version: 1,
  rights: {
    creator: ['Ann Photographer'],
    webStatement: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  aiGenerated: false,
};

export interface StoredFile {
  id: number;
  documentId: string;
  name: string;
  url: string;
}

/**
 * An upload file row as the upload plugin stores it (no bytes on disk: credits only read the row), with
 * the provenance the thumbnails plugin would have read from the image and, optionally, a credit.
 */
export async function createFile(
  app: TestApp,
  options: { name?: string; mime?: string; provenance?: unknown; imageCredit?: number | null } = {}
): Promise<StoredFile> {
  const hash = `credits_${randomBytes(6).toString('hex')}`;
  const data: Record<string, unknown> = {
    name: options.name ?? `${hash}.png`,
    hash,
    ext: '.png',
    mime: options.mime ?? 'image/png',
    size: 1.2,
    width: 64,
    height: 64,
    url: `/uploads/${hash}.png`,
    provider: 'local',
  };
  if (options.provenance !== undefined) data.provenance = options.provenance;
  if (options.imageCredit) data.imageCredit = options.imageCredit;
  return (await app.strapi.db.query(FILE).create({ data })) as StoredFile;
}

/**
 * A blocks image node pointing at a file, as the admin's blocks editor writes it: the picked file's
 * fields (`by: 'url'` leaves out the id, as older bodies or imports may).
 */
export const imageNode = (file: StoredFile, by: 'id' | 'url' = 'id') => {
  const { id, documentId, imageCredit, provenance, folderPath, ...fields } = JSON.parse(
    JSON.stringify(file)
  ) as Record<string, unknown>;
  void documentId;
  void imageCredit;
  void provenance;
  void folderPath;
  return {
    type: 'image',
    image: by === 'id' ? { id, ...fields } : fields,
    children: [{ type: 'text', text: '' }],
  };
};

/** The id of a file's credit as stored, or null. */
export async function fileCreditId(app: TestApp, fileId: number): Promise<number | null> {
  const file = (await app.strapi.db
    .query(FILE)
    .findOne({ where: { id: fileId }, populate: { imageCredit: true } })) as {
    imageCredit?: { id: number } | null;
  };
  return file.imageCredit?.id ?? null;
}
