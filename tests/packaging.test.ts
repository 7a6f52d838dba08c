import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * What `npm publish` would ship for each plugin: `strapi-plugin verify` passes, the tarball holds the
 * built dist/ and the package's documents only (no TypeScript sources, no tests), and every module the
 * built code imports is a declared dependency or peer (a user's install has nothing else). The global
 * setup has rebuilt dist/ from the current sources.
 */
const ROOT = path.join(__dirname, '..');
const PLUGINS = ['engagement', 'thumbnails', 'reader-comments'];
const APP_ENGINES_NODE: string = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')
).engines.node;
const SDK_CLI = path.join(
  path.dirname(require.resolve('@strapi/sdk-plugin/package.json')),
  'bin',
  'strapi-plugin.js'
);

interface PackedFile {
  path: string;
  size: number;
}

function run(
  command: string,
  args: string[],
  cwd: string
): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Bare module specifiers (`ioredis`, `@strapi/utils`) a built file requires or imports. */
function importedPackages(code: string): Set<string> {
  const specifiers = new Set<string>();
  const patterns = [
    /require\(["']([^"'.][^"']*)["']\)/g,
    /\bfrom\s*["']([^"'.][^"']*)["']/g,
    /\bimport\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      if (/\s/.test(match[1])) continue; // prose that reads like an import
      const parts = match[1].split('/');
      specifiers.add(match[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return specifiers;
}

describe.each(PLUGINS)('plugins/%s as an npm package', (name) => {
  const dir = path.join(ROOT, 'plugins', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

  it('passes strapi-plugin verify', () => {
    const { status, output } = run(process.execPath, [SDK_CLI, 'verify'], dir);
    expect(output).not.toMatch(/error/i);
    expect(status).toBe(0);
  });

  it('is publishable: a version, a licence, engines, Strapi 5 as a peer, not private', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.license).toBe('MIT');
    // the Node versions CI tests (.ci/run: the machine's Node 20 and Node 24), as the app declares them
    expect(pkg.engines.node).toBe(APP_ENGINES_NODE);
    expect(pkg.peerDependencies['@strapi/strapi']).toBe('^5.0.0');
    expect(pkg.files).toContain('dist');
  });

  it('ships the built code and its documents, no sources or tests', () => {
    const { status, output } = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], dir);
    expect(status).toBe(0);
    const files = (
      JSON.parse(output.slice(output.indexOf('['))) as Array<{ files: PackedFile[] }>
    )[0].files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/server/index.js',
        'dist/server/index.mjs',
        'dist/admin/index.js',
        'dist/admin/index.mjs',
        'dist/server/src/index.d.ts',
        'dist/admin/src/index.d.ts',
      ])
    );
    const unexpected = files.filter(
      (file) =>
        !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file) &&
        !file.startsWith('dist/') &&
        !(pkg.bin && Object.values(pkg.bin).includes(`./${file}`))
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((file) => /__tests__|\.test\.|(?<!\.d)\.tsx?$/.test(file))).toEqual([]);
    // plain ESM files the server loads by path (worker threads) are not bundled: they ship next to it
    const loadedByPath = (folder: string): string[] =>
      fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        if (entry.isDirectory())
          return entry.name === '__tests__' ? [] : loadedByPath(path.join(folder, entry.name));
        return entry.name.endsWith('.mjs') ? [`dist/server/${entry.name}`] : [];
      });
    expect(files).toEqual(expect.arrayContaining(loadedByPath(path.join(dir, 'server', 'src'))));
  });

  it('declares every package its built code imports', () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const builtins = new Set(builtinModules.flatMap((module) => [module, `node:${module}`]));
    const built = [
      ...fs
        .readdirSync(path.join(dir, 'dist', 'server'))
        .filter((file) => /\.m?js$/.test(file))
        .map((file) => `dist/server/${file}`),
      ...fs
        .readdirSync(path.join(dir, 'dist', 'admin'))
        .filter((file) => /\.m?js$/.test(file))
        .map((file) => `dist/admin/${file}`),
    ];
    const bins = Object.values<string>(pkg.bin ?? {});
    const missing = new Set<string>();
    for (const file of [...built, ...bins]) {
      for (const specifier of importedPackages(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        if (!declared.has(specifier) && !builtins.has(specifier))
          missing.add(`${specifier} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('declares every package its sources import at run time, so none is bundled into dist', () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const sources = (folder: string): string[] =>
      fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(full);
        return /\.tsx?$/.test(entry.name) ? [full] : [];
      });
    const missing = new Set<string>();
    for (const file of [
      ...sources(path.join(dir, 'server', 'src')),
      ...sources(path.join(dir, 'admin', 'src')),
    ]) {
      const code = fs.readFileSync(file, 'utf8').replace(/^import type .*$/gm, '');
      for (const specifier of importedPackages(code)) {
        if (!declared.has(specifier) && !specifier.startsWith('node:'))
          missing.add(`${specifier} (${path.relative(dir, file)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('exports its contracts as ./shared: built, typed, declared imports only, and nothing from outside shared/', () => {
    expect(require.resolve(`${pkg.name}/shared`, { paths: [ROOT] })).toBe(
      fs.realpathSync(path.join(dir, 'dist', 'shared', 'index.js'))
    );
    for (const file of [pkg.exports['./shared'].types, ...pkg.typesVersions['*'].shared])
      expect(fs.existsSync(path.join(dir, file))).toBe(true);
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const built = fs
      .readdirSync(path.join(dir, 'dist', 'shared'))
      .filter((file) => /\.m?js$/.test(file));
    expect(
      built.flatMap((file) =>
        [
          ...importedPackages(fs.readFileSync(path.join(dir, 'dist', 'shared', file), 'utf8')),
        ].filter((specifier) => !declared.has(specifier))
      )
    ).toEqual([]);
    // the server, the admin and apps import shared/; it imports nothing of theirs
    const sources = fs.readdirSync(path.join(dir, 'shared')).filter((file) => file.endsWith('.ts'));
    const outside = sources.flatMap((file) =>
      [
        ...fs
          .readFileSync(path.join(dir, 'shared', file), 'utf8')
          .matchAll(/from\s*["'](\.\.[^"']*)["']/g),
      ].map((match) => `${match[1]} (shared/${file})`)
    );
    expect(outside).toEqual([]);
  });
});
