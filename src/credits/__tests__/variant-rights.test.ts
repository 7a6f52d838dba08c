import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import { variantRightsFromCredit } from '../variant-rights';

const AI = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

describe('variantRightsFromCredit', () => {
  it('writes the credit, with the license URL, keeping the file’s licensor and source type', () => {
    const file: FileProvenance = {
      version: 1,
      rights: {
        creator: ['Old'],
        webStatement: 'https://old.example',
        licensor: { name: 'Agency', url: 'https://agency.example' },
      },
      digitalSourceType:
        'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
      aiGenerated: true,
    };
    expect(
      variantRightsFromCredit(
        {
          creator: 'Ann',
          copyrightHolder: 'Press Ltd',
          year: 2022,
          license: 'cc_by_sa',
          creditLine: 'Photo: Ann, © 2022 Press Ltd (CC BY-SA 4.0)',
        },
        file
      )
    ).toEqual({
      creator: ['Ann'],
      creditLine: 'Photo: Ann, © 2022 Press Ltd (CC BY-SA 4.0)',
      copyrightNotice: '© 2022 Press Ltd',
      webStatement: 'https://creativecommons.org/licenses/by-sa/4.0/',
      licensor: { name: 'Agency', url: 'https://agency.example' },
      digitalSourceType: file.digitalSourceType,
    });
  });

  it('marks the variants AI-made when only the credit says so, and keeps a file’s web statement for other licenses', () => {
    const file: FileProvenance = {
      version: 1,
      rights: { webStatement: 'https://rights.example' },
      aiGenerated: false,
    };
    expect(
      variantRightsFromCredit(
        { creator: 'Bo', license: 'all_rights_reserved', aiGenerated: true },
        file
      )
    ).toEqual({
      creator: ['Bo'],
      copyrightNotice: '© Bo',
      webStatement: 'https://rights.example',
      digitalSourceType: AI,
    });
    expect(variantRightsFromCredit({ creator: 'Bo' }, null)).toEqual({
      creator: ['Bo'],
      copyrightNotice: '© Bo',
    });
  });
});
