import { engagementValue } from '../engagement-value';

describe('engagementValue', () => {
  it('lists every enabled network, with 0 when it has no shares', () => {
    expect(engagementValue(undefined, ['x', 'facebook'])).toEqual({
      views: 0,
      shares: { total: 0, byNetwork: { x: 0, facebook: 0 } },
    });
  });

  it('adds up the shares of every network into the total', () => {
    const value = engagementValue({ views: 7, shares: { x: 2, linkedin: 3 } }, ['x', 'facebook']);
    expect(value).toEqual({
      views: 7,
      shares: { total: 5, byNetwork: { x: 2, facebook: 0, linkedin: 3 } },
    });
  });
});
