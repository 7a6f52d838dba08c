import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAppStale } from '../compile-app';

/** An app folder with one source file and a dist/ holding `files`, all dated `seconds` after the source. */
function appWith(files: string[], seconds: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-app-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'index.ts'), 'export {};\n');
  const past = new Date(Date.now() - 60_000);
  for (const entry of ['src/index.ts', 'src']) fs.utimesSync(path.join(dir, entry), past, past);
  fs.mkdirSync(path.join(dir, 'dist'));
  const later = new Date(past.getTime() + seconds * 1000);
  for (const file of files) {
    fs.writeFileSync(path.join(dir, 'dist', file), '');
    fs.utimesSync(path.join(dir, 'dist', file), later, later);
  }
  return dir;
}

describe('isAppStale', () => {
  it('compiles when a type check (tsc --noEmit) wrote the build info but no compile ever ran', () => {
    expect(isAppStale(appWith(['tsconfig.tsbuildinfo'], 30))).toBe(true);
  });

  it('skips the compile when the last one is newer than every source, and compiles after a source changes', () => {
    const dir = appWith(['tsconfig.tsbuildinfo', '.compiled'], 30);
    expect(isAppStale(dir)).toBe(false);
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), 'export const changed = true;\n');
    expect(isAppStale(dir)).toBe(true);
  });
});
