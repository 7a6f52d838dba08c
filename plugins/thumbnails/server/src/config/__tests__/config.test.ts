import { defaultConfig, resolvePresets, validateConfig, type ThumbnailsConfig } from '..';

const withChanges = (changes: Record<string, unknown>) => ({ ...defaultConfig(), ...changes });

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(() => validateConfig(defaultConfig())).not.toThrow();
  });

  it.each([
    [{ formats: ['webp', 'jpeg'] }, 'formats contains "jpeg"; supported formats are webp, avif'],
    [{ formats: [] }, 'formats must be a non-empty array'],
    [{ webp: { quality: 0, effort: 4 } }, 'webp.quality must be an integer from 1 to 100, got 0'],
    [
      { avif: { quality: 50, effort: 12 } },
      'avif.effort must be an integer from 0 to 9 for avif, got 12',
    ],
    [
      { presets: { card: { width: 640 } } },
      'presets.card.height must be an integer from 1 to 8192, got undefined',
    ],
    [
      { presets: { card_wide: { width: 640, height: 360 } } },
      'presets.card_wide: a preset name must start with a letter',
    ],
    [
      { presets: { card: { width: 640, height: 360, fit: 'inside' } } },
      'presets.card.fit is not a known option',
    ],
    [
      { presets: { card: { width: 640, height: 360, webp: { effort: 9 } } } },
      'presets.card.webp.effort must be an integer from 0 to 6',
    ],
    [{ presets: { card: false } }, 'presets must keep at least one preset enabled'],
    [
      { maxInputPixels: Number.NaN },
      'maxInputPixels must be a positive integer (pixels, e.g. 50000000), got NaN',
    ],
    [{ concurrency: 0 }, 'concurrency must be an integer from 1 to 64, got 0'],
    [{ placeholder: { size: 100 } }, 'placeholder.size must be an integer from 4 to 32'],
    [{ sizes: [1] }, 'unknown option "sizes"'],
    [
      { responsive: { enabled: true, widths: [320, 320] } },
      'responsive.widths lists a width twice',
    ],
    [
      { responsive: { enabled: true, widths: [0] } },
      'responsive.widths must be an array of at most 12 integers from 16 to 8192, got [0]',
    ],
    [
      { responsive: { enabled: 'yes', widths: [] } },
      'responsive.enabled must be true or false, got "yes"',
    ],
    [
      { presets: { og: { width: 1200, height: 630, sizes: '' } } },
      'presets.og.sizes must be a non-empty string',
    ],
  ])('rejects %j with a clear message', (changes, message) => {
    expect(() => validateConfig(withChanges(changes))).toThrow(message);
  });
});

describe('resolvePresets', () => {
  it('gives each preset its outputs with formats keys and merged encoder options', () => {
    const config: ThumbnailsConfig = {
      ...defaultConfig(),
      formats: ['webp', 'avif'],
      presets: {
        card: { width: 640, height: 360, webp: { quality: 70 } },
        square: false,
        og: { width: 1200, height: 630, formats: ['webp'] },
      },
    };
    expect(resolvePresets(config)).toEqual([
      {
        name: 'card',
        width: 640,
        height: 360,
        outputs: [
          { key: 'card_webp', format: 'webp', quality: 70, effort: 4 },
          { key: 'card_avif', format: 'avif', quality: 50, effort: 4 },
        ],
        ladder: [320, 640, 960, 1280, 1920],
        sizes: '(max-width: 640px) 100vw, 640px',
      },
      {
        name: 'og',
        width: 1200,
        height: 630,
        outputs: [{ key: 'og_webp', format: 'webp', quality: 80, effort: 4 }],
        ladder: [320, 640, 960, 1280, 1920],
        sizes: '(max-width: 1200px) 100vw, 1200px',
      },
    ]);
  });

  it('takes a preset sizes hint and sorted ladder widths, and no ladder when responsive widths are off', () => {
    const config: ThumbnailsConfig = {
      ...defaultConfig(),
      presets: { og: { width: 1200, height: 630, sizes: '50vw' } },
      responsive: { enabled: true, widths: [800, 400] },
    };
    expect(resolvePresets(config)[0]).toMatchObject({ ladder: [400, 800], sizes: '50vw' });
    expect(
      resolvePresets({ ...config, responsive: { enabled: false, widths: [800, 400] } })[0].ladder
    ).toEqual([]);
  });

  it('never produces one of the upload plugin keys', () => {
    const keys = resolvePresets(defaultConfig()).flatMap((preset) =>
      preset.outputs.map((output) => output.key)
    );
    expect(keys).toEqual(['card_webp', 'square_webp', 'og_webp']);
    for (const key of keys) expect(['thumbnail', 'small', 'medium', 'large']).not.toContain(key);
  });
});
