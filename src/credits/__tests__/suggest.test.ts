import { recognizeLicense } from '../licenses';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import {
  fillFromSuggestion,
  holderFromNotice,
  suggestCredit,
  toolFromClaimGenerator,
  yearFromNotice,
} from '../suggest';

const AI = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
const provenance = (over: Partial<FileProvenance>): FileProvenance => ({
  version: 1,
  rights: {},
  aiGenerated: false,
  ...over,
});

describe('recognizeLicense', () => {
  it.each([
    ['https://creativecommons.org/licenses/by/4.0/', 'cc_by'],
    ['http://www.creativecommons.org/licenses/by-sa/2.0/deed.de', 'cc_by_sa'],
    ['https://creativecommons.org/licenses/by-nc/3.0', 'cc_by_nc'],
    ['https://creativecommons.org/licenses/by-nd/4.0/', 'other'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'cc0'],
    ['https://creativecommons.org/publicdomain/mark/1.0/', 'public_domain'],
    ['Licensed under CC BY-SA 4.0', 'cc_by_sa'],
    ['CC0', 'cc0'],
  ])('%s → %s', (value, license) => {
    expect(recognizeLicense(value)).toBe(license);
  });

  it('does not recognise other URLs or texts', () => {
    expect(recognizeLicense('https://example.com/licensing')).toBeUndefined();
    expect(recognizeLicense('All rights reserved')).toBeUndefined();
    expect(recognizeLicense(undefined)).toBeUndefined();
  });
});

describe('copyright notices and claim generators', () => {
  it('reads the holder and the latest year', () => {
    expect(holderFromNotice('Copyright (c) 2023 Lawrence W. Sinclair. All rights reserved.')).toBe(
      'Lawrence W. Sinclair'
    );
    expect(holderFromNotice('© 2019–2023 Jane Doe')).toBe('Jane Doe');
    expect(holderFromNotice('©')).toBeUndefined();
    expect(yearFromNotice('© 2019–2023 Jane Doe')).toBe(2023);
    expect(yearFromNotice('Jane Doe')).toBeUndefined();
  });

  it('names the tool without versions and SDK tokens', () => {
    expect(toolFromClaimGenerator('DALL·E c2pa-rs/0.31.0')).toBe('DALL·E');
    expect(toolFromClaimGenerator('ChatGPT/1.0 c2pa-js/0.2')).toBe('ChatGPT');
    expect(toolFromClaimGenerator('c2pa-rs/0.31.0')).toBeUndefined();
  });
});

describe('suggestCredit', () => {
  it('builds the credit of the modelled DALL·E cover from IPTC rights and C2PA', () => {
    const suggestion = suggestCredit(
      provenance({
        rights: {
          creator: ['Lawrence W. Sinclair'],
          copyrightNotice: '© 2023 Lawrence W. Sinclair',
        },
        digitalSourceType: AI,
        aiGenerated: true,
        c2pa: {
          present: true,
          claimGenerator: 'DALL·E c2pa-rs/0.31.0',
          actions: [{ action: 'c2pa.created', digitalSourceType: AI }],
          validated: true,
        },
      })
    );
    expect(suggestion).toEqual({
      creator: 'Lawrence W. Sinclair',
      copyrightHolder: 'Lawrence W. Sinclair',
      year: 2023,
      license: 'all_rights_reserved',
      aiGenerated: true,
      aiTool: 'DALL·E',
    });
  });

  it('takes the license from the web statement and the source from the licensor', () => {
    const suggestion = suggestCredit(
      provenance({
        rights: {
          creator: ['Ann', ' Bo  Li '],
          webStatement: 'https://creativecommons.org/licenses/by-sa/4.0/',
          licensor: { name: 'Pix Agency', url: 'https://pix.example/license/42' },
        },
      })
    );
    expect(suggestion).toEqual({
      creator: 'Ann, Bo Li',
      copyrightHolder: 'Pix Agency',
      license: 'cc_by_sa',
      sourceUrl: 'https://pix.example/license/42',
      aiGenerated: false,
    });
  });

  it('uses a web statement that is not a license as the source, and the AI action’s agent as the tool', () => {
    const suggestion = suggestCredit(
      provenance({
        rights: { webStatement: 'https://photos.example/rights' },
        aiGenerated: true,
        c2pa: {
          present: true,
          actions: [{ action: 'c2pa.created', digitalSourceType: AI, softwareAgent: 'Firefly' }],
          validated: false,
        },
      })
    );
    expect(suggestion).toMatchObject({
      sourceUrl: 'https://photos.example/rights',
      aiGenerated: true,
      aiTool: 'Firefly',
    });
    expect(suggestion?.license).toBeUndefined();
  });

  it('returns null when the file says nothing', () => {
    expect(suggestCredit(null)).toBeNull();
    expect(suggestCredit(provenance({}))).toBeNull();
  });
});

describe('fillFromSuggestion', () => {
  it('fills only the fields the editor left out, keeping cleared ones', () => {
    const filled = fillFromSuggestion(
      { creator: 'Edited Name', copyrightHolder: null },
      {
        creator: 'Meta Name',
        copyrightHolder: 'Meta Holder',
        year: 2020,
        aiGenerated: true,
        aiTool: 'DALL·E',
      }
    );
    expect(filled).toEqual({
      creator: 'Edited Name',
      copyrightHolder: null,
      year: 2020,
      aiGenerated: true,
      aiTool: 'DALL·E',
    });
  });
});
