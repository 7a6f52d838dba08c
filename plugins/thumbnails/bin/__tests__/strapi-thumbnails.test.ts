// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseCommandLine, describeSummary } = require('../strapi-thumbnails.js');

describe('strapi-thumbnails command line', () => {
  it('reads regenerate and its flags', () => {
    expect(parseCommandLine(['regenerate'])).toEqual({
      dryRun: false,
      restart: false,
      batchSize: 50,
      rotate: [],
    });
    expect(
      parseCommandLine([
        'regenerate',
        '--dry-run',
        '--restart',
        '--batch-size=10',
        '--rotate',
        '4:90',
        '--rotate=5:auto',
      ])
    ).toEqual({
      dryRun: true,
      restart: true,
      batchSize: 10,
      rotate: [
        { id: 4, rotation: 90 },
        { id: 5, rotation: 'auto' },
      ],
    });
  });

  it('refuses a missing or unknown command and bad flags with the usage line', () => {
    expect(() => parseCommandLine([])).toThrow(
      /no command given\nusage: strapi-thumbnails regenerate/
    );
    expect(() => parseCommandLine(['regen'])).toThrow(/unknown command "regen"/);
    expect(() => parseCommandLine(['regenerate', '--batch-size=0'])).toThrow(
      /--batch-size must be a positive integer/
    );
    expect(() => parseCommandLine(['regenerate', '--rotate', '4:45'])).toThrow(
      /--rotate wants <file id>:<90\|180\|270\|auto>, got "4:45"/
    );
  });

  it('sums a run up in one line', () => {
    const counts = { generated: 2, upToDate: 1, skipped: 0, notImage: 1, failed: 0 };
    expect(describeSummary({ dryRun: true, done: 4, total: 4, resumed: false, counts })).toBe(
      '4/4 files: 2 would regenerate, 1 up to date, 0 images skipped (see warnings), 1 not images, 0 failed.'
    );
  });
});
