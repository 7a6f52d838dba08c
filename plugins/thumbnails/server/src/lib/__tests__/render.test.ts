import sharp from 'sharp';
import { defaultConfig, resolvePresets } from '../../config';
import {
  inspectSource,
  PLACEHOLDER_MAX_BYTES,
  renderVariants,
  SHARED_DECODE_MAX_PIXELS,
  SkipError,
  type RenderOptions,
} from '../render';
import { phonePhoto, picture, pngBomb } from './images';

/** The presets alone; the width ladders have their own tests below. */
const noLadder = { ...defaultConfig(), responsive: { enabled: false, widths: [] } };
const presets = resolvePresets(noLadder);
const options: RenderOptions = {
  presets,
  focalPoint: null,
  maxInputPixels: defaultConfig().maxInputPixels,
  placeholderSize: 16,
};

const render = async (input: Buffer, mime: string, extra: Partial<RenderOptions> = {}) => {
  const info = await inspectSource(sharp, input, { claimedMime: mime, maxInputPixels: 50_000_000 });
  return renderVariants(sharp, input, info, { ...options, ...extra });
};

const sizes = (result: Awaited<ReturnType<typeof render>>) =>
  Object.fromEntries(
    result.variants.map((variant) => [variant.key, [variant.width, variant.height]])
  );

describe('renderVariants', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
    ['tiff', 'image/tiff'],
    ['gif', 'image/gif'],
  ] as const)('makes every preset as WebP from a %s source', async (format, mime) => {
    const input = await picture(1600, 1000)
      .toFormat(format, format === 'avif' ? { effort: 0 } : {})
      .toBuffer();
    const result = await render(input, mime);
    expect(sizes(result)).toEqual({
      card_webp: [640, 360],
      square_webp: [400, 400],
      og_webp: [1200, 630],
    });
    for (const variant of result.variants) {
      const meta = await sharp(variant.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([
        'webp',
        variant.width,
        variant.height,
      ]);
    }
  });

  it.each([
    ['greyscale', () => picture(900, 600).greyscale().png().toBuffer(), 'image/png'],
    [
      '16-bit with alpha',
      () =>
        picture(900, 600).ensureAlpha(0.5).png({ force: true }).toColourspace('rgb16').toBuffer(),
      'image/png',
    ],
    ['CMYK', () => picture(900, 600).toColourspace('cmyk').jpeg().toBuffer(), 'image/jpeg'],
  ] as const)('handles a %s source', async (_label, make, mime) => {
    const result = await render(await make(), mime);
    expect(sizes(result).og_webp).toEqual([900, 473]);
    for (const variant of result.variants)
      expect((await sharp(variant.data).metadata()).space).toBe('srgb');
  });

  it('encodes the extra AVIF outputs', async () => {
    const avifPresets = resolvePresets({
      ...noLadder,
      formats: ['webp', 'avif'],
      avif: { quality: 40, effort: 0 },
    });
    const result = await render(await picture(900, 700).jpeg().toBuffer(), 'image/jpeg', {
      presets: avifPresets,
    });
    const avif = result.variants.find((variant) => variant.key === 'og_avif')!;
    expect(avif.mime).toBe('image/avif');
    expect((await sharp(avif.data).metadata()).compression).toBe('av1');
    expect(result.variants).toHaveLength(6);
  });

  it('never enlarges a small source', async () => {
    const result = await render(await picture(800, 600).png().toBuffer(), 'image/png');
    expect(sizes(result)).toEqual({
      card_webp: [640, 360],
      square_webp: [400, 400],
      og_webp: [800, 420],
    });
  });

  it('auto-orients from EXIF and strips every piece of metadata', async () => {
    const input = await phonePhoto(400, 200, 6);
    expect((await sharp(input).metadata()).exif?.toString('latin1')).toContain('TestPhone');
    const result = await render(input, 'image/jpeg');
    // displayed as 200×400 (portrait), so the 640×360 card becomes a 200×113 crop
    expect(sizes(result).card_webp).toEqual([200, 113]);
    expect(sizes(result).square_webp).toEqual([200, 200]);
    for (const variant of result.variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
  });

  it('crops around the focal point', async () => {
    // left half red, right half blue, landscape (no orientation change)
    const input = await phonePhoto(1200, 400, 1);
    const pixel = async (focalPoint: { x: number; y: number }) => {
      const result = await render(input, 'image/jpeg', { focalPoint });
      const square = result.variants.find((variant) => variant.key === 'square_webp')!;
      const { data } = await sharp(square.data).raw().toBuffer({ resolveWithObject: true });
      const middle = (200 * 400 + 200) * 3;
      return [data[middle], data[middle + 2]];
    };
    const [leftRed, leftBlue] = await pixel({ x: 5, y: 50 });
    expect(leftRed).toBeGreaterThan(200);
    expect(leftBlue).toBeLessThan(60);
    const [rightRed, rightBlue] = await pixel({ x: 95, y: 50 });
    expect(rightRed).toBeLessThan(60);
    expect(rightBlue).toBeGreaterThan(200);
  });

  it('uses the first frame of an animated GIF', async () => {
    const frame = 120 * 80 * 3;
    const raw = Buffer.alloc(frame * 2);
    for (let offset = 0; offset < frame; offset += 3) raw[offset] = 255; // frame 1 red
    for (let offset = frame + 2; offset < frame * 2; offset += 3) raw[offset] = 255; // frame 2 blue
    const gif = await sharp(raw, {
      raw: { width: 120, height: 160, channels: 3, pageHeight: 80 },
    } as never)
      .gif()
      .toBuffer();
    const result = await render(gif, 'image/gif');
    expect(sizes(result).og_webp).toEqual([120, 63]);
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(result.dominantColor.slice(at, at + 2), 16));
    expect(r).toBeGreaterThan(200);
    expect(Math.max(g, b)).toBeLessThan(40);
  });

  it('makes a blurred placeholder under 1 KB and a dominant colour', async () => {
    const result = await render(await picture(3000, 2000).jpeg().toBuffer(), 'image/jpeg');
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(result.placeholder.length).toBeLessThanOrEqual(PLACEHOLDER_MAX_BYTES);
    const tiny = await sharp(Buffer.from(result.placeholder.split(',')[1], 'base64')).metadata();
    expect(Math.max(tiny.width!, tiny.height!)).toBe(16);
    expect(result.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('inspectSource', () => {
  const inspect = (
    input: Buffer,
    claimedMime: string,
    maxInputPixels = defaultConfig().maxInputPixels
  ) => inspectSource(sharp, input, { claimedMime, maxInputPixels });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(10_000);
    await expect(inspect(bomb, 'image/png')).rejects.toThrow(
      '30000×30000 px is over the 50000000 px limit (maxInputPixels)'
    );
    await expect(inspect(pngBomb(8_000, 8_000), 'image/png')).rejects.toThrow(SkipError);
    await expect(
      inspect(await picture(100, 100).png().toBuffer(), 'image/png', 9_999)
    ).rejects.toThrow('over the 9999 px limit');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'image/png', 'the file is empty'],
    [
      'random bytes',
      Buffer.from('this is not an image at all, just text pretending'),
      'image/jpeg',
      'not a readable image',
    ],
    [
      'a PDF',
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
      'image/jpeg',
      'not a readable image',
    ],
  ])('refuses %s', async (_label, input, mime, reason) => {
    await expect(inspect(input, mime)).rejects.toThrow(reason);
  });

  it('refuses SVG, which is not a raster format', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(inspect(svg, 'image/svg+xml')).rejects.toThrow(
      'svg is not a raster format the plugin handles'
    );
  });

  it('refuses bytes that do not match the claimed type', async () => {
    const png = await picture(50, 50).png().toBuffer();
    await expect(inspect(png, 'image/jpeg')).rejects.toThrow(
      'the bytes are png but the file claims to be image/jpeg'
    );
    await expect(inspect(png, 'image/png')).resolves.toMatchObject({
      format: 'png',
      width: 50,
      height: 50,
    });
    await expect(
      inspect(await picture(50, 50).jpeg().toBuffer(), 'image/jpg')
    ).resolves.toMatchObject({ format: 'jpeg' });
  });

  it('refuses a truncated image when decoding', async () => {
    const jpeg = await picture(800, 600).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    await expect(render(truncated, 'image/jpeg')).rejects.toThrow();
  });
});

describe('renderVariants on extreme aspect ratios', () => {
  /** 600×24,000: top third red, middle green, bottom third blue. Its shared decode would be 14.4 MP. */
  const needle = () =>
    sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="24000"><rect width="100%" height="8000" fill="#f00"/>
        <rect y="8000" width="100%" height="8000" fill="#0f0"/><rect y="16000" width="100%" height="8000" fill="#00f"/></svg>`)
    )
      .jpeg()
      .toBuffer();
  const centre = async (data: Buffer) => {
    const { data: pixels, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
    const at =
      (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
    return [pixels[at], pixels[at + 1], pixels[at + 2]]
      .map((value) => (value > 128 ? 1 : 0))
      .join('');
  };

  it('cuts each variant from its own region (centre, or the focal point) with the preset sizes', async () => {
    expect(600 * 24_000).toBeGreaterThan(SHARED_DECODE_MAX_PIXELS);
    const input = await needle();
    const centred = await render(input, 'image/jpeg');
    expect(sizes(centred)).toEqual({
      card_webp: [600, 338],
      square_webp: [400, 400],
      og_webp: [600, 315],
    });
    for (const variant of centred.variants) expect(await centre(variant.data)).toBe('010');
    expect(centred.placeholder.length).toBeLessThanOrEqual(PLACEHOLDER_MAX_BYTES);
    expect(centred.dominantColor).toMatch(/^#[0-9a-f]{6}$/);

    const top = await render(input, 'image/jpeg', { focalPoint: { x: 50, y: 5 } });
    for (const variant of top.variants) expect(await centre(variant.data)).toBe('100');
  });
});

describe('renderVariants width ladders', () => {
  const ladderPresets = resolvePresets({
    ...defaultConfig(),
    presets: { og: { width: 1200, height: 630 } },
    formats: ['webp', 'avif'],
    avif: { quality: 40, effort: 0 },
  });

  it('makes each output at every ladder width below the variant, same crop, never enlarged', async () => {
    const input = await picture(1000, 800).jpeg().toBuffer();
    const info = await inspectSource(sharp, input, {
      claimedMime: 'image/jpeg',
      maxInputPixels: 50_000_000,
    });
    const { variants } = await renderVariants(sharp, input, info, {
      ...options,
      presets: ladderPresets,
    });
    const sizes = Object.fromEntries(
      variants.map((variant) => [variant.key, [variant.width, variant.height, variant.output]])
    );
    // a 1000 px wide source gives og 1000×525 (not 1200×630), so the ladder stops at 960
    expect(sizes).toEqual({
      og_webp: [1000, 525, 'og_webp'],
      og_webp_320w: [320, 168, 'og_webp'],
      og_webp_640w: [640, 336, 'og_webp'],
      og_webp_960w: [960, 504, 'og_webp'],
      og_avif: [1000, 525, 'og_avif'],
      og_avif_320w: [320, 168, 'og_avif'],
      og_avif_640w: [640, 336, 'og_avif'],
      og_avif_960w: [960, 504, 'og_avif'],
    });
    const rung = variants.find((variant) => variant.key === 'og_webp_320w')!;
    const full = variants.find((variant) => variant.key === 'og_webp')!;
    expect(await meanDiffAt(rung.data, full.data, { width: 64, height: 34 })).toBeLessThan(6);
  });
});

/** Mean absolute difference of two images scaled to the same small size (same picture → small). */
async function meanDiffAt(
  a: Buffer,
  b: Buffer,
  size: { width: number; height: number }
): Promise<number> {
  const [x, y] = await Promise.all(
    [a, b].map((bytes) =>
      sharp(bytes).resize(size.width, size.height, { fit: 'fill' }).removeAlpha().raw().toBuffer()
    )
  );
  let total = 0;
  for (let index = 0; index < x.length; index += 1) total += Math.abs(x[index] - y[index]);
  return total / x.length;
}
