import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isStale } = require('../build-plugins.js');

const OUTPUTS = [
  'dist/server/index.js',
  'dist/server/index.mjs',
  'dist/admin/index.js',
  'dist/admin/index.mjs',
];

function write(dir: string, file: string, seconds: number): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), 'x');
  fs.utimesSync(path.join(dir, file), seconds, seconds);
}

describe('plugin build staleness', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
    write(dir, 'package.json', 1000);
    write(dir, 'server/src/index.ts', 1000);
    write(dir, 'admin/src/index.ts', 1000);
    for (const folder of ['server/src', 'server', 'admin/src', 'admin'])
      fs.utimesSync(path.join(dir, folder), 1000, 1000);
    fs.utimesSync(dir, 1000, 1000);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is stale without a build, or with one output missing', () => {
    expect(isStale(dir)).toBe(true);
    for (const output of OUTPUTS.slice(1)) write(dir, output, 2000);
    expect(isStale(dir)).toBe(true);
  });

  it('is current when every output is newer than every source, stale again after an edit', () => {
    for (const output of OUTPUTS) write(dir, output, 2000);
    expect(isStale(dir)).toBe(false);
    write(dir, 'server/src/lib/new-file.ts', 3000);
    expect(isStale(dir)).toBe(true);
  });

  it("is stale while a file the plugin's post-build step declares is missing (a watcher's build runs no post-build)", () => {
    write(dir, 'scripts/postbuild.js', 1000);
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(
      path.join(dir, 'scripts/postbuild.js'),
      "process.stdout.write(JSON.stringify(['dist/server/reader-worker.mjs']));"
    );
    for (const file of ['package.json', 'scripts/postbuild.js'])
      fs.utimesSync(path.join(dir, file), 1000, 1000);
    fs.utimesSync(path.join(dir, 'scripts'), 1000, 1000);
    for (const output of OUTPUTS) write(dir, output, 2000);
    expect(isStale(dir)).toBe(true);
    write(dir, 'dist/server/reader-worker.mjs', 2000);
    expect(isStale(dir)).toBe(false);
  });

  it('is stale while a bundle of another export (./shared) is missing, and after an edit of shared/', () => {
    const shared = {
      source: './shared/index.ts',
      require: './dist/shared/index.js',
      import: './dist/shared/index.mjs',
      default: './dist/shared/index.js',
    };
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ exports: { './shared': shared } })
    );
    fs.utimesSync(path.join(dir, 'package.json'), 1000, 1000);
    write(dir, 'shared/index.ts', 1000);
    fs.utimesSync(path.join(dir, 'shared'), 1000, 1000);
    for (const output of OUTPUTS) write(dir, output, 2000);
    expect(isStale(dir)).toBe(true);
    write(dir, 'dist/shared/index.js', 2000);
    write(dir, 'dist/shared/index.mjs', 2000);
    expect(isStale(dir)).toBe(false);
    write(dir, 'shared/contracts.ts', 3000);
    expect(isStale(dir)).toBe(true);
  });
});
