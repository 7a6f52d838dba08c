import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensureEnv, ensureDevPreviewToken } = require('../ensure-env.js') as {
  ensureEnv: (file: string, env?: Record<string, string | undefined>) => boolean;
  ensureDevPreviewToken: (file: string, env?: Record<string, string | undefined>) => boolean;
};

const REQUIRED = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
];

const parse = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  );

describe('ensure-env', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates .env with every secret Strapi needs, random each time', () => {
    const a = path.join(dir, 'a.env');
    const b = path.join(dir, 'b.env');
    expect(ensureEnv(a, {})).toBe(true);
    ensureEnv(b, {});
    const envA = parse(fs.readFileSync(a, 'utf8'));
    const envB = parse(fs.readFileSync(b, 'utf8'));
    for (const key of REQUIRED) {
      expect(envA[key]?.length).toBeGreaterThanOrEqual(16);
      expect(envA[key]).not.toBe(envB[key]);
    }
    expect(envA.APP_KEYS.split(',')).toHaveLength(4);
  });

  it('never overwrites an existing .env', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'APP_KEYS=mine\n');
    expect(ensureEnv(file)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('APP_KEYS=mine\n');
  });

  it('writes nothing when the environment already sets every secret (containers)', () => {
    const file = path.join(dir, '.env');
    expect(
      ensureEnv(file, Object.fromEntries(REQUIRED.map((key) => [key, 'from-the-environment'])))
    ).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(ensureEnv(file, { APP_KEYS: 'only-one' })).toBe(true);
  });

  it('adds a development Preview token key to .env once, keeping what is there', () => {
    const file = path.join(dir, '.env');
    ensureEnv(file, {});
    const before = fs.readFileSync(file, 'utf8');
    expect(parse(before).PREVIEW_API_TOKEN).toBeUndefined();
    expect(ensureDevPreviewToken(file, {})).toBe(true);
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(parse(after).PREVIEW_API_TOKEN).toMatch(/^[0-9a-f]{96}$/);
    // idempotent, and a key set by the environment or by hand wins
    expect(ensureDevPreviewToken(file, {})).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
    const own = path.join(dir, 'own.env');
    fs.writeFileSync(own, 'APP_KEYS=mine');
    expect(ensureDevPreviewToken(own, { PREVIEW_API_TOKEN: 'configured' })).toBe(false);
    expect(ensureDevPreviewToken(own, {})).toBe(true);
    expect(fs.readFileSync(own, 'utf8')).toMatch(/^APP_KEYS=mine\n# Development only/);
  });
});
