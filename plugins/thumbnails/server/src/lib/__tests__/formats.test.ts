import { defaultConfig, resolvePresets } from '../../config';
import {
  fileSignature,
  isUpToDate,
  settingsSignature,
  splitFormats,
  variantHash,
  variantName,
  type FormatEntry,
  type UploadFile,
} from '../formats';

const presets = resolvePresets(defaultConfig());
const settings = settingsSignature(presets, 16);
const file: UploadFile = {
  id: 1,
  name: 'photo.jpg',
  hash: 'photo_abc',
  ext: '.jpg',
  mime: 'image/jpeg',
  size: 120.5,
  width: 2000,
  height: 1500,
  url: '/uploads/photo_abc.jpg',
};
const entry = (preset: string, signature: string): FormatEntry => ({
  name: `${preset}_webp_photo.webp`,
  hash: `${preset}_webp_photo_abc`,
  ext: '.webp',
  mime: 'image/webp',
  path: null,
  width: 1,
  height: 1,
  size: 1,
  sizeInBytes: 1000,
  url: `/uploads/${preset}.webp`,
  plugin: 'thumbnails',
  preset,
  signature,
});

describe('formats bookkeeping', () => {
  const signature = fileSignature(file, null, settings);
  const done: UploadFile = {
    ...file,
    placeholder: 'data:image/webp;base64,AAAA',
    formats: {
      thumbnail: { ...entry('x', 'x'), plugin: undefined },
      card_webp: entry('card', signature),
      square_webp: entry('square', signature),
      og_webp: entry('og', signature),
    },
  };

  it('tells its own entries from Strapi ones', () => {
    const { own, others } = splitFormats(done.formats);
    expect(Object.keys(own)).toEqual(['card_webp', 'square_webp', 'og_webp']);
    expect(Object.keys(others)).toEqual(['thumbnail']);
  });

  it('is up to date only with every variant, the same signature and a placeholder', () => {
    expect(isUpToDate(done, presets, signature)).toBe(true);
    expect(isUpToDate({ ...done, placeholder: null }, presets, signature)).toBe(false);
    expect(
      isUpToDate({ ...done, formats: { card_webp: entry('card', signature) } }, presets, signature)
    ).toBe(false);
    expect(isUpToDate(done, presets, fileSignature({ ...file, size: 99 }, null, settings))).toBe(
      false
    );
  });

  it('changes the signature with the focal point, the content and the settings', () => {
    const signature = fileSignature(file, null, settings);
    expect(fileSignature(file, { x: 10, y: 10 }, settings)).not.toBe(signature);
    expect(fileSignature({ ...file, width: 1999 }, null, settings)).not.toBe(signature);
    const avif = resolvePresets({ ...defaultConfig(), formats: ['webp', 'avif'] });
    expect(fileSignature(file, null, settingsSignature(avif, 16))).not.toBe(signature);
    expect(fileSignature({ ...file }, null, settings)).toBe(signature);
  });

  it('names variant files after the key, the file hash and the signature', () => {
    expect(variantHash('og_webp', 'photo_abc', '0123456789abcdef')).toBe(
      'og_webp_photo_abc_01234567'
    );
    expect(variantName('og_webp', 'my.photo.jpg', '.webp')).toBe('og_webp_my.photo.webp');
  });
});
