import {
  describeFileToCredit,
  parseFilesToCreditQuery,
  suggestedCreditLine,
} from '../files-to-credit';

const AI = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

describe('parseFilesToCreditQuery', () => {
  it('defaults to the first page of 20 files without a credit', () => {
    expect(parseFilesToCreditQuery({})).toEqual({ page: 1, pageSize: 20, withCredit: false });
  });

  it('reads page, pageSize and withCredit', () => {
    expect(parseFilesToCreditQuery({ page: '3', pageSize: '100', withCredit: 'true' })).toEqual({
      page: 3,
      pageSize: 100,
      withCredit: true,
    });
    expect(parseFilesToCreditQuery({ withCredit: 'false' }).withCredit).toBe(false);
  });

  it.each([
    [{ page: '0' }, 'page must be a positive integer'],
    [{ page: '1.5' }, 'page must be a positive integer'],
    [{ page: ['1', '2'] }, 'page must be a positive integer'],
    [{ pageSize: '101' }, 'pageSize must be an integer from 1 to 100'],
    [{ pageSize: '' }, 'pageSize must be an integer from 1 to 100'],
    [{ withCredit: '1' }, 'withCredit must be true or false'],
  ])('refuses %j', (query, message) => {
    expect(() => parseFilesToCreditQuery(query)).toThrow(message);
  });
});

describe('suggestedCreditLine', () => {
  it('prints the line the suggestion would make', () => {
    expect(suggestedCreditLine({ creator: 'Ann', license: 'cc_by', aiGenerated: false })).toBe(
      'Photo: Ann (CC BY 4.0)'
    );
    expect(
      suggestedCreditLine({ creator: 'Jane', year: 2023, aiGenerated: true, aiTool: 'DALL·E' })
    ).toBe('Image created with DALL·E, © 2023 Jane');
  });

  it('does not call an AI-made image a photo when the tool is unknown', () => {
    expect(suggestedCreditLine({ creator: 'Jane', year: 2023, aiGenerated: true })).toBe(
      'Image created with an AI tool, © 2023 Jane'
    );
  });

  it('is null without a suggestion', () => {
    expect(suggestedCreditLine(null)).toBeNull();
  });
});

describe('describeFileToCredit', () => {
  const row = { id: 7, name: 'cover.jpg', url: '/uploads/cover.jpg' };

  it("shows Strapi's thumbnail, the suggestion and why the file counts as AI-made", () => {
    const provenance = {
      version: 1,
      rights: { creator: ['Jane'], copyrightNotice: '© 2023 Jane' },
      digitalSourceType: AI,
      aiGenerated: true,
      c2pa: {
        present: true,
        claimGenerator: 'DALL·E c2pa-rs/0.31.0',
        actions: [],
        validated: true,
      },
    };
    expect(
      describeFileToCredit({
        ...row,
        formats: { thumbnail: { url: '/uploads/thumbnail_cover.jpg' } },
        provenance: JSON.stringify(provenance),
      })
    ).toEqual({
      id: 7,
      name: 'cover.jpg',
      url: '/uploads/cover.jpg',
      thumbnailUrl: '/uploads/thumbnail_cover.jpg',
      suggestion: {
        creator: 'Jane',
        copyrightHolder: 'Jane',
        year: 2023,
        license: 'all_rights_reserved',
        aiGenerated: true,
        aiTool: 'DALL·E',
      },
      suggestedCreditLine: 'Image created with DALL·E, © 2023 Jane',
      aiMade: 'digital source type trainedAlgorithmicMedia',
    });
  });

  it('names the C2PA generator when only the Content Credentials say AI-made', () => {
    const provenance = {
      version: 1,
      rights: {},
      aiGenerated: true,
      c2pa: { present: true, claimGenerator: 'ChatGPT', actions: [], validated: true },
    };
    expect(describeFileToCredit({ ...row, provenance }).aiMade).toBe(
      'Content Credentials from ChatGPT'
    );
  });

  it('falls back to the file for the thumbnail and to nothing for unreadable metadata', () => {
    expect(
      describeFileToCredit({ ...row, formats: null, provenance: { version: 2 } })
    ).toMatchObject({
      thumbnailUrl: '/uploads/cover.jpg',
      suggestion: null,
      suggestedCreditLine: null,
      aiMade: null,
    });
  });
});
