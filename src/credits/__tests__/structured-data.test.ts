import { checkAiDisclosure } from '../disclosure';
import { bodyImageRefs, effectiveCredit } from '../images';
import { absoluteUrl, imageStructuredData } from '../json-ld';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import { readProvenance } from '../provenance';

const AI = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
const aiFile: FileProvenance = { version: 1, rights: {}, digitalSourceType: AI, aiGenerated: true };
const photoFile: FileProvenance = { version: 1, rights: { creator: ['Jane'] }, aiGenerated: false };

describe('imageStructuredData', () => {
  it('builds the ImageObject from the credit, with the digital source type beside it', () => {
    const { jsonLd, digitalSourceType } = imageStructuredData({
      url: '/uploads/cover.jpg',
      publicUrl: 'https://cms.example.org',
      credit: {
        creator: 'Lawrence W. Sinclair',
        year: 2023,
        license: 'all_rights_reserved',
        aiGenerated: true,
        aiTool: 'DALL·E',
        creditLine: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair',
        sourceUrl: 'https://example.org/buy',
      },
      provenance: aiFile,
    });
    expect(jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ImageObject',
      contentUrl: 'https://cms.example.org/uploads/cover.jpg',
      creditText: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair',
      creator: [{ '@type': 'Person', name: 'Lawrence W. Sinclair' }],
      copyrightNotice: '© 2023 Lawrence W. Sinclair',
      copyrightYear: 2023,
      acquireLicensePage: 'https://example.org/buy',
    });
    expect(digitalSourceType).toBe(AI);
  });

  it('takes the license URL of a CC credit and fills the rest from the file', () => {
    const { jsonLd, digitalSourceType } = imageStructuredData({
      url: 'https://cdn.example/a.webp',
      credit: { creator: 'Ann', license: 'cc_by' },
      provenance: {
        version: 1,
        rights: { copyrightNotice: '© Ann 2021', licensor: { url: 'https://agency.example/a' } },
        aiGenerated: false,
      },
    });
    expect(jsonLd).toMatchObject({
      contentUrl: 'https://cdn.example/a.webp',
      creditText: 'Photo: Ann (CC BY 4.0)',
      copyrightNotice: '© Ann 2021',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      acquireLicensePage: 'https://agency.example/a',
    });
    expect(digitalSourceType).toBeNull();
  });

  it('uses the file’s own rights when there is no credit', () => {
    const { jsonLd } = imageStructuredData({
      url: '/u/x.png',
      provenance: {
        version: 1,
        rights: { creator: ['Bo'], creditLine: 'Bo / Agency', webStatement: 'https://r.example' },
        aiGenerated: false,
      },
    });
    expect(jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ImageObject',
      contentUrl: '/u/x.png',
      creditText: 'Bo / Agency',
      creator: [{ '@type': 'Person', name: 'Bo' }],
      license: 'https://r.example',
    });
  });

  it('keeps provider URLs and resolves local paths', () => {
    expect(absoluteUrl('https://s3.example/x.jpg', 'https://cms.example')).toBe(
      'https://s3.example/x.jpg'
    );
    expect(absoluteUrl('/uploads/x.jpg', 'https://cms.example/base/')).toBe(
      'https://cms.example/base/uploads/x.jpg'
    );
    expect(absoluteUrl('/uploads/x.jpg')).toBe('/uploads/x.jpg');
  });
});

describe('images of an article', () => {
  it('finds image nodes with their file ids or URLs', () => {
    const body = [
      { type: 'paragraph', children: [{ type: 'text', text: 'hi' }] },
      { type: 'image', image: { id: 7, url: '/uploads/a.png', name: 'a.png' }, children: [] },
      { type: 'image', image: { url: '/uploads/b.png' }, children: [] },
      { type: 'image', image: null, children: [] },
    ];
    expect(bodyImageRefs(body)).toEqual([
      { index: 1, id: 7, url: '/uploads/a.png', name: 'a.png' },
      { index: 2, id: undefined, url: '/uploads/b.png', name: undefined },
    ]);
    expect(bodyImageRefs('text')).toEqual([]);
  });

  it('prefers the article’s own credit over the file’s', () => {
    expect(effectiveCredit({ n: 'own' }, { n: 'file' })).toEqual({
      credit: { n: 'own' },
      source: 'article',
    });
    expect(effectiveCredit(null, { n: 'file' })).toEqual({ credit: { n: 'file' }, source: 'file' });
    expect(effectiveCredit(null, null)).toBeNull();
  });

  it('reads stored provenance, also as a JSON string, and ignores other shapes', () => {
    expect(readProvenance(JSON.stringify(aiFile))).toEqual(aiFile);
    expect(readProvenance({ version: 2 })).toBeNull();
    expect(readProvenance('not json')).toBeNull();
    expect(readProvenance(null)).toBeNull();
  });
});

describe('checkAiDisclosure', () => {
  it('refuses an AI-made image whose credit does not say so, naming the image and the field', () => {
    const { refusals, warnings } = checkAiDisclosure([
      {
        field: 'coverCredit',
        label: 'The cover image "dalle.png"',
        provenance: aiFile,
        credit: { aiGenerated: false },
      },
      {
        field: 'body',
        label: 'The body image "b.png" (block 2)',
        provenance: aiFile,
        credit: null,
      },
      {
        field: 'body',
        label: 'The body image "ok.png" (block 3)',
        provenance: aiFile,
        credit: { aiGenerated: true },
      },
    ]);
    expect(refusals).toEqual([
      {
        field: 'coverCredit',
        message: expect.stringMatching(
          /^The cover image "dalle.png" is marked AI-made by its file \(digital source type trainedAlgorithmicMedia\), but its credit does not set aiGenerated/
        ),
      },
      {
        field: 'body',
        message: expect.stringMatching(
          /^The body image "b.png" \(block 2\) .* but it has no credit/
        ),
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('names the C2PA generator when only Content Credentials mark the image', () => {
    const c2paOnly: FileProvenance = {
      version: 1,
      rights: {},
      aiGenerated: true,
      c2pa: { present: true, claimGenerator: 'DALL·E', actions: [], validated: true },
    };
    const { refusals } = checkAiDisclosure([
      { field: 'coverCredit', label: 'The cover', provenance: c2paOnly, credit: null },
    ]);
    expect(refusals[0].message).toContain('Content Credentials from DALL·E');
  });

  it('warns, without refusing, when a credit says AI-made on a file that says otherwise', () => {
    const { refusals, warnings } = checkAiDisclosure([
      {
        field: 'coverCredit',
        label: 'The cover',
        provenance: photoFile,
        credit: { aiGenerated: true },
      },
      {
        field: 'body',
        label: 'A file without metadata',
        provenance: null,
        credit: { aiGenerated: true },
      },
    ]);
    expect(refusals).toEqual([]);
    expect(warnings).toEqual([
      { field: 'coverCredit', message: expect.stringContaining('does not mark it AI-made') },
    ]);
  });
});
