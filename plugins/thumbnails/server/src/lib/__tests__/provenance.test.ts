import sharp from 'sharp';
import {
  buildProvenance,
  isAiSourceType,
  normalizeDigitalSourceType,
  readProvenance,
  rightsFromBlocks,
} from '../provenance';
import { AI_SOURCE_TYPE, imageWithRights, withIptc } from './rights-fixtures';

const FULL = {
  creators: ['Lawrence W. Sinclair', 'Ann Example'],
  credit: 'Image created with DALL·E',
  rights: '© 2026 Lawrence W. Sinclair',
  webStatement: 'https://example.com/licence',
  licensor: { name: 'Acme Images', url: 'https://acme.example/licence' },
  usageTerms: 'Editorial use only',
  digitalSourceType: AI_SOURCE_TYPE,
};

const EXPECTED_RIGHTS = {
  creator: ['Lawrence W. Sinclair', 'Ann Example'],
  creditLine: 'Image created with DALL·E',
  copyrightNotice: '© 2026 Lawrence W. Sinclair',
  webStatement: 'https://example.com/licence',
  licensor: { name: 'Acme Images', url: 'https://acme.example/licence' },
  usageTerms: 'Editorial use only',
};

describe('readProvenance', () => {
  it.each(['jpeg', 'png', 'webp', 'avif'] as const)(
    'reads every XMP rights field and the digital source type of a %s',
    async (format) => {
      const input = await imageWithRights(format, FULL, { width: 320, height: 200 });
      expect(await readProvenance(sharp, input)).toEqual({
        version: 1,
        rights: EXPECTED_RIGHTS,
        digitalSourceType: AI_SOURCE_TYPE,
        aiGenerated: true,
      });
    }
  );

  it('reads IPTC-IIM By-line, Credit and CopyrightNotice (UTF-8) when there is no XMP', async () => {
    const jpeg = withIptc(
      await imageWithRights('jpeg', {}, { width: 320, height: 200, exif: false }),
      {
        byline: ['Jörg Fotograf', 'Ann Example'],
        credit: 'Agentur Süd',
        copyright: '© 2025 Agentur Süd',
      }
    );
    expect(await readProvenance(sharp, jpeg)).toEqual({
      version: 1,
      rights: {
        creator: ['Jörg Fotograf', 'Ann Example'],
        creditLine: 'Agentur Süd',
        copyrightNotice: '© 2025 Agentur Süd',
      },
      aiGenerated: false,
    });
  });

  it('falls back to EXIF Artist and Copyright, and prefers XMP over IPTC over EXIF', async () => {
    const exifOnly = await imageWithRights('webp', {}, { width: 100, height: 80 });
    expect((await readProvenance(sharp, exifOnly))?.rights).toEqual({
      creator: ['Exif Artist'],
      copyrightNotice: 'Exif Copyright',
    });

    const all = withIptc(
      await imageWithRights('jpeg', { creators: ['Xmp Person'] }, { width: 100, height: 80 }),
      {
        byline: ['Iptc Person'],
        credit: 'Iptc Credit',
      }
    );
    expect((await readProvenance(sharp, all))?.rights).toEqual({
      creator: ['Xmp Person'],
      creditLine: 'Iptc Credit',
      copyrightNotice: 'Exif Copyright',
    });
  });

  it('is null for an image without rights metadata, and for bytes that are no image', async () => {
    expect(
      await readProvenance(
        sharp,
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
          .png()
          .toBuffer()
      )
    ).toBeNull();
    expect(await readProvenance(sharp, Buffer.from('%PDF-1.4 not an image'))).toBeNull();
  });

  it('reports a damaged C2PA reader as a warning and keeps the rights', async () => {
    const warnings: string[] = [];
    const input = await imageWithRights(
      'jpeg',
      { credit: 'Kept' },
      { width: 64, height: 64, exif: false }
    );
    const result = await readProvenance(sharp, input, {
      readC2pa: async () => {
        throw new Error('bad JUMBF');
      },
      onWarning: (message) => warnings.push(message),
    });
    expect(result?.rights).toEqual({ creditLine: 'Kept' });
    expect(warnings).toEqual(['unreadable C2PA manifest (bad JUMBF)']);
  });
});

describe('digital source types', () => {
  it('expands a bare IPTC code to the full URI and recognises AI-made and AI-edited media', () => {
    expect(normalizeDigitalSourceType('compositeWithTrainedAlgorithmicMedia')).toBe(
      'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia'
    );
    expect(
      isAiSourceType(
        'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia'
      )
    ).toBe(true);
    expect(isAiSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture')).toBe(
      false
    );
    expect(isAiSourceType(undefined)).toBe(false);
  });

  it('marks a file AI-made from a C2PA action even without an XMP digital source type', () => {
    expect(
      buildProvenance({
        rights: {},
        c2pa: {
          present: true,
          actions: [{ action: 'c2pa.created', digitalSourceType: AI_SOURCE_TYPE }],
          validated: true,
        },
      })?.aiGenerated
    ).toBe(true);
    expect(
      rightsFromBlocks({
        xmp: {
          dc: {
            rights: [
              { lang: 'de', value: 'DE' },
              { lang: 'x-default', value: 'Default' },
            ],
          },
        },
      }).rights
    ).toEqual({
      copyrightNotice: 'Default',
    });
  });
});
