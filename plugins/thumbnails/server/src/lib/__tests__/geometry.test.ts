import { decodeSize, focalCrop, parseFocalPoint, sourceRegion, variantSize } from '../geometry';

describe('variantSize', () => {
  it('is the preset box when the source covers it', () => {
    expect(variantSize({ width: 6000, height: 4000 }, { width: 1200, height: 630 })).toEqual({
      width: 1200,
      height: 630,
    });
  });

  it('never enlarges: a smaller source gets the largest crop of the preset ratio it allows', () => {
    expect(variantSize({ width: 800, height: 600 }, { width: 1200, height: 630 })).toEqual({
      width: 800,
      height: 420,
    });
    expect(variantSize({ width: 300, height: 1000 }, { width: 400, height: 400 })).toEqual({
      width: 300,
      height: 300,
    });
    expect(variantSize({ width: 2000, height: 300 }, { width: 640, height: 360 })).toEqual({
      width: 533,
      height: 300,
    });
  });

  it('keeps at least one pixel', () => {
    expect(variantSize({ width: 1, height: 1 }, { width: 1200, height: 630 })).toEqual({
      width: 1,
      height: 1,
    });
  });
});

describe('decodeSize', () => {
  it('shrinks the decode to the smallest size covering every target', () => {
    const size = decodeSize({ width: 6000, height: 4000 }, [
      { width: 640, height: 360 },
      { width: 400, height: 400 },
      { width: 1200, height: 630 },
    ]);
    expect(size).toEqual({ width: 1200, height: 800 });
  });

  it('keeps the full size when a target needs all of it', () => {
    expect(decodeSize({ width: 800, height: 600 }, [{ width: 800, height: 420 }])).toEqual({
      width: 800,
      height: 600,
    });
  });
});

describe('focalCrop', () => {
  it('centres the crop on the focal point', () => {
    const crop = focalCrop(
      { width: 2000, height: 1000 },
      { width: 400, height: 400 },
      { x: 50, y: 50 }
    );
    expect(crop).toEqual({ resize: { width: 800, height: 400 }, left: 200, top: 0 });
  });

  it('stops at the image edges', () => {
    expect(
      focalCrop({ width: 2000, height: 1000 }, { width: 400, height: 400 }, { x: 0, y: 0 }).left
    ).toBe(0);
    expect(
      focalCrop({ width: 2000, height: 1000 }, { width: 400, height: 400 }, { x: 100, y: 100 }).left
    ).toBe(400);
    expect(
      focalCrop({ width: 1000, height: 2000 }, { width: 640, height: 360 }, { x: 50, y: 90 }).top
    ).toBe(1280 - 360);
  });
});

describe('parseFocalPoint', () => {
  it('accepts Strapi focal points and ignores anything else', () => {
    expect(parseFocalPoint({ x: 30, y: 70 })).toEqual({ x: 30, y: 70 });
    expect(parseFocalPoint({ x: 130, y: -4 })).toEqual({ x: 100, y: 0 });
    expect(parseFocalPoint(null)).toBeNull();
    expect(parseFocalPoint({ x: '30', y: 70 })).toBeNull();
  });
});

describe('sourceRegion', () => {
  it('keeps the full width of a needle-thin source and a slice of the preset ratio, centred', () => {
    expect(
      sourceRegion({ width: 1000, height: 50_000 }, { width: 640, height: 360 }, { x: 50, y: 50 })
    ).toEqual({
      left: 0,
      top: 24_719,
      width: 1000,
      height: 563,
    });
  });

  it('follows the focal point and stops at the edges', () => {
    const wide = { width: 50_000, height: 1000 };
    expect(sourceRegion(wide, { width: 400, height: 400 }, { x: 0, y: 50 })).toEqual({
      left: 0,
      top: 0,
      width: 1000,
      height: 1000,
    });
    expect(sourceRegion(wide, { width: 400, height: 400 }, { x: 100, y: 50 })).toEqual({
      left: 49_000,
      top: 0,
      width: 1000,
      height: 1000,
    });
  });
});
