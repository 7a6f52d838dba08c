import fs from 'node:fs';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import {
  makeTestSigner,
  signC2pa,
  tamper,
  type TestSigner,
} from '../../plugins/thumbnails/server/src/lib/__tests__/c2pa-fixtures';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
  withIptc,
} from '../../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import {
  diskPath,
  getFile,
  removeUploadsAfterAll,
  replaceFile,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

const app = useSharedApp();
removeUploadsAfterAll();

const upload = async (bytes: Buffer, filename: string, mime: string) => {
  const res = await uploadFile(app(), bytes, filename, mime);
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
};

const AI_COVER = {
  creators: ['Lawrence W. Sinclair'],
  credit: 'Image created with DALL·E',
  rights: '© 2026 Lawrence W. Sinclair',
  webStatement: 'https://example.com/licence',
  licensor: { name: 'Acme Images', url: 'https://acme.example/licensing' },
  digitalSourceType: AI_SOURCE_TYPE,
};

describe('an uploaded JPEG with XMP, IPTC-IIM and EXIF rights', () => {
  let file: ApiFile;
  beforeAll(async () => {
    const jpeg = withIptc(await imageWithRights('jpeg', AI_COVER), {
      byline: ['Iptc Person'],
      credit: 'Iptc Credit',
    });
    file = await upload(jpeg, 'ai-cover.jpg', 'image/jpeg');
  });

  it('answers with its provenance, read before Strapi re-encoded the original', () => {
    expect(file.provenance).toEqual({
      version: 1,
      rights: {
        creator: ['Lawrence W. Sinclair'],
        creditLine: 'Image created with DALL·E',
        copyrightNotice: '© 2026 Lawrence W. Sinclair',
        webStatement: 'https://example.com/licence',
        licensor: { name: 'Acme Images', url: 'https://acme.example/licensing' },
      },
      digitalSourceType: AI_SOURCE_TYPE,
      aiGenerated: true,
    });
  });

  it('keeps it on the file: GET /api/upload/files/:id shows the same provenance', async () => {
    expect((await getFile(app(), file.id)).provenance).toEqual(file.provenance);
  });

  it('Strapi still size-optimized this original (no C2PA): it keeps only the rights, as XMP (no IPTC-IIM, no EXIF)', async () => {
    const stored = await sharp(fs.readFileSync(diskPath(file.url))).metadata();
    expect(stored.iptc).toBeUndefined();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp?.toString('utf8')).toContain('Lawrence W. Sinclair');
  });
});

describe('an IPTC-IIM only JPEG', () => {
  it('gets creator, credit line and copyright notice from its IIM block', async () => {
    const jpeg = withIptc(await imageWithRights('jpeg', {}, { exif: false }), {
      byline: ['Jörg Fotograf'],
      credit: 'Agentur Süd',
      copyright: '© 2025 Agentur Süd',
    });
    const file = await upload(jpeg, 'iptc.jpg', 'image/jpeg');
    expect(file.provenance).toEqual({
      version: 1,
      rights: {
        creator: ['Jörg Fotograf'],
        creditLine: 'Agentur Süd',
        copyrightNotice: '© 2025 Agentur Süd',
      },
      aiGenerated: false,
    });
  });
});

describe('WebP and PNG uploads with XMP', () => {
  it.each([
    ['webp', 'image/webp'],
    ['png', 'image/png'],
  ] as const)('a %s says it was AI-edited', async (format, mime) => {
    const bytes = await imageWithRights(
      format,
      {
        credit: 'Edited with an AI tool',
        digitalSourceType:
          'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
      },
      { exif: false }
    );
    const file = await upload(bytes, `edited.${format}`, mime);
    expect(file.provenance).toMatchObject({
      rights: { creditLine: 'Edited with an AI tool' },
      digitalSourceType:
        'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
      aiGenerated: true,
    });
  });
});

describe('images without rights metadata', () => {
  it('have provenance null, and a replace with such an image clears the old provenance', async () => {
    const plain = await sharp({
      create: { width: 900, height: 600, channels: 3, background: '#3b82f6' },
    })
      .jpeg()
      .toBuffer();
    const file = await upload(
      await imageWithRights('jpeg', AI_COVER, { exif: false }),
      'to-replace.jpg',
      'image/jpeg'
    );
    expect(file.provenance).toMatchObject({ aiGenerated: true });

    const res = await replaceFile(app(), file.id, plain, 'plain.jpg', 'image/jpeg');
    expect(res.status).toBe(200);
    expect((await getFile(app(), file.id)).provenance).toBeNull();
    expect((await upload(plain, 'plain.jpg', 'image/jpeg')).provenance).toBeNull();
  });
});

describe('images with Content Credentials (C2PA)', () => {
  let signer: TestSigner;
  beforeAll(() => {
    signer = makeTestSigner();
  });
  const photo = (format: 'jpeg' | 'png') =>
    imageWithRights(format, {}, { width: 1400, height: 900, exif: false });

  it.each([
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
  ] as const)(
    'a signed %s is stored byte-identical, its credentials still validate, and the API says so',
    async (format, mime, ext) => {
      const signed = await signC2pa(await photo(format), mime, signer);
      const file = await upload(signed, `credentials.${ext}`, mime);
      expect(fs.readFileSync(diskPath(file.url)).equals(signed)).toBe(true);
      expect(file.provenance).toEqual({
        version: 1,
        rights: {},
        aiGenerated: true,
        c2pa: {
          present: true,
          claimGenerator: 'DALL·E (test)',
          actions: [
            { action: 'c2pa.created', digitalSourceType: AI_SOURCE_TYPE, softwareAgent: 'DALL·E' },
          ],
          validated: true,
        },
      });
      expect((await getFile(app(), file.id)).provenance).toEqual(file.provenance);
      // the variants are still made from it
      expect(file.formats?.og_webp).toMatchObject({ width: 1200, height: 630 });
    }
  );

  it('a JPEG changed after signing is stored as sent and reported as not validating', async () => {
    const broken = tamper(await signC2pa(await photo('jpeg'), 'image/jpeg', signer));
    const file = await upload(broken, 'broken-credentials.jpg', 'image/jpeg');
    expect(fs.readFileSync(diskPath(file.url)).equals(broken)).toBe(true);
    expect(file.provenance).toMatchObject({
      aiGenerated: true,
      c2pa: { present: true, validated: false, validationErrors: ['assertion.dataHash.mismatch'] },
    });
  });
});
