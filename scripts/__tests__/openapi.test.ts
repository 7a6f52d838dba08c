import { parseFlags } from '../openapi';

describe('npm run openapi flags', () => {
  it('defaults to openapi.json, frontend/src/lib/content-api.ts and the type check', () => {
    expect(parseFlags([])).toEqual({
      out: 'openapi.json',
      types: 'frontend/src/lib/content-api.ts',
      check: true,
    });
  });

  it('takes --out, --types and --no-check', () => {
    expect(parseFlags(['--out', 'api.json', '--types', 'web/api.ts', '--no-check'])).toEqual({
      out: 'api.json',
      types: 'web/api.ts',
      check: false,
    });
  });

  it('refuses unknown or incomplete arguments with the usage line', () => {
    expect(() => parseFlags(['--output', 'x'])).toThrow(
      /unknown or incomplete argument "--output"[\s\S]*usage: npm run openapi/
    );
    expect(() => parseFlags(['--out'])).toThrow(/incomplete argument "--out"/);
    expect(() => parseFlags(['--out', '--no-check'])).toThrow(/incomplete argument "--out"/);
  });
});
