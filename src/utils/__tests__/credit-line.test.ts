import { formatCreditLine } from '../credit-line';

describe('formatCreditLine', () => {
  it('credits an AI image with its tool and a copyright notice', () => {
    expect(
      formatCreditLine({ creator: 'Jane Doe', year: 2023, aiGenerated: true, aiTool: 'DALL·E' })
    ).toBe('Image created with DALL·E, © 2023 Jane Doe');
  });

  it('credits a Creative Commons photo with its license', () => {
    expect(formatCreditLine({ creator: 'Jane Doe', license: 'cc_by' })).toBe(
      'Photo: Jane Doe (CC BY 4.0)'
    );
    expect(
      formatCreditLine({ creator: 'Jane Doe', license: 'cc_by_sa', copyrightHolder: 'ACME' })
    ).toBe('Photo: Jane Doe, © ACME (CC BY-SA 4.0)');
  });

  it('credits an AI image under a free license with tool, creator and license', () => {
    expect(
      formatCreditLine({ creator: 'Ann', aiGenerated: true, aiTool: 'Midjourney', license: 'cc0' })
    ).toBe('Image created with Midjourney by Ann (CC0 1.0)');
  });

  it('uses a © notice for all rights reserved, naming the holder when it differs from the creator', () => {
    expect(
      formatCreditLine({ creator: 'Jane Doe', year: 2021, license: 'all_rights_reserved' })
    ).toBe('Photo: © 2021 Jane Doe');
    expect(
      formatCreditLine({
        creator: 'Jane Doe',
        copyrightHolder: 'Example Press',
        year: 2021,
        license: 'all_rights_reserved',
      })
    ).toBe('Photo: Jane Doe, © 2021 Example Press');
  });

  it('marks public domain images', () => {
    expect(formatCreditLine({ creator: 'NASA', license: 'public_domain' })).toBe(
      'Photo: NASA (public domain)'
    );
  });

  it('collapses stray whitespace in fields', () => {
    expect(formatCreditLine({ creator: '  Jane   Doe ', license: 'cc_by' })).toBe(
      'Photo: Jane Doe (CC BY 4.0)'
    );
  });
});
