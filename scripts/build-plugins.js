#!/usr/bin/env node
/**
 * Builds the workspace plugins (plugins/*) with `strapi-plugin build` when their dist/ is missing or older
 * than their sources, so `npm install`, `npm run develop|build|start` and the tests always run the current
 * plugin code. `--force` rebuilds regardless.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PLUGINS_DIR = path.join(ROOT, 'plugins');
/** Inputs of a plugin's build, relative to its folder (`shared/`: the contracts its server, admin and apps import). */
const INPUTS = [
  'server/src',
  'admin/src',
  'shared',
  'scripts',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** Bundles every plugin's build writes (its strapi-server and strapi-admin exports). */
const OUTPUTS = [
  'dist/server/index.js',
  'dist/server/index.mjs',
  'dist/admin/index.js',
  'dist/admin/index.mjs',
];

/**
 * The bundles a plugin's build writes, which must exist and be newer than every input: OUTPUTS plus the
 * `require` and `import` files of its other package.json `exports` (e.g. `./shared`). A package.json that
 * cannot be read adds none (the build itself then says what is wrong).
 */
function bundlesOf(pluginDir) {
  let entries;
  try {
    entries =
      JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8')).exports ?? {};
  } catch {
    return OUTPUTS;
  }
  const others = Object.entries(entries).filter(
    ([key, entry]) =>
      !['./strapi-server', './strapi-admin'].includes(key) && typeof entry === 'object' && entry
  );
  return [
    ...OUTPUTS,
    ...others.flatMap(([, entry]) => [entry.require, entry.import].filter(Boolean)),
  ];
}

/** Newest modification time (ms) under a file or folder (unit tests excluded), 0 when missing. */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry !== '__tests__') newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** A plugin's own post-build step (scripts/postbuild.js: files the bundler leaves out), or null. */
function postbuildOf(pluginDir) {
  const file = path.join(pluginDir, 'scripts', 'postbuild.js');
  return fs.existsSync(file) ? file : null;
}

/**
 * What a plugin's build writes: the bundles, plus what its post-build step declares
 * (`node scripts/postbuild.js --outputs` prints a JSON list).
 */
function outputsOf(pluginDir) {
  const postbuild = postbuildOf(pluginDir);
  if (!postbuild) return bundlesOf(pluginDir);
  const listed = spawnSync(process.execPath, [postbuild, '--outputs'], {
    cwd: pluginDir,
    encoding: 'utf8',
  });
  if (listed.status !== 0)
    throw new Error(
      `scripts/postbuild.js --outputs failed in plugins/${path.basename(pluginDir)}: ${listed.stderr}`
    );
  return [...bundlesOf(pluginDir), ...JSON.parse(listed.stdout)];
}

/** Runs a plugin's post-build step, as its `build` script does; throws when it fails. */
function runPostbuild(pluginDir) {
  const postbuild = postbuildOf(pluginDir);
  if (!postbuild) return;
  const after = spawnSync(process.execPath, [postbuild], {
    cwd: pluginDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (after.status !== 0)
    throw new Error(
      `scripts/postbuild.js failed in plugins/${path.basename(pluginDir)} (exit ${after.status ?? after.signal})`
    );
}

/** Oldest modification time (ms) of the outputs, 0 when one is missing. */
function oldestOutput(pluginDir) {
  let oldest = Infinity;
  for (const output of outputsOf(pluginDir)) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(pluginDir, output)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

/** Whether a plugin's dist/ is missing or older than one of its inputs. */
function isStale(pluginDir) {
  const newestInput = Math.max(...INPUTS.map((input) => newestMtime(path.join(pluginDir, input))));
  return oldestOutput(pluginDir) < newestInput;
}

/** The workspace plugin folders (those with a package.json declaring a Strapi plugin). */
function pluginDirs() {
  return fs
    .readdirSync(PLUGINS_DIR)
    .map((name) => path.join(PLUGINS_DIR, name))
    .filter((dir) => {
      try {
        return (
          JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).strapi?.kind ===
          'plugin'
        );
      } catch {
        return false;
      }
    });
}

/** Builds every stale plugin (every plugin with `force`); throws when a build fails. */
function buildPlugins({ force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const sdkDir = path.dirname(
    require.resolve('@strapi/sdk-plugin/package.json', { paths: [ROOT] })
  );
  const cli = path.join(sdkDir, 'bin', 'strapi-plugin.js');
  for (const dir of pluginDirs()) {
    const name = path.basename(dir);
    if (!force && !isStale(dir)) continue;
    log(`Building plugins/${name} (strapi-plugin build)...`);
    const result = spawnSync(process.execPath, [cli, 'build', '--silent'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0)
      throw new Error(
        `strapi-plugin build failed in plugins/${name} (exit ${result.status ?? result.signal})`
      );
    runPostbuild(dir);
  }
}

module.exports = { buildPlugins, isStale, newestMtime, pluginDirs, runPostbuild };

if (require.main === module) {
  try {
    buildPlugins({ force: process.argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
