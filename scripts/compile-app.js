'use strict';

/**
 * Compiles the app (config/ and src/ to dist/, as `strapi build` and `strapi develop` do) only when
 * dist/ is missing or older than a source: the command-line scripts and the tests start without the
 * ten seconds of a type-checked compile when nothing changed, and test passes running side by side do
 * not rewrite dist/ under each other.
 */
const fs = require('node:fs');
const path = require('node:path');
const { newestMtime } = require('./build-plugins.js');

const ROOT = path.join(__dirname, '..');
/** What the app's tsconfig.json compiles (src/admin is bundled by `strapi build`, not compiled here). */
const INPUTS = ['config', 'src', 'tsconfig.json', 'package.json'];
/** Written by every compile (incremental: true); touched after ours, for tools that judge by it. */
const BUILD_INFO = path.join('dist', 'tsconfig.tsbuildinfo');
/**
 * Written after each of our compiles, so it tells when the last one finished. Not the build info: a
 * `tsc --noEmit -p .` (a type check) writes that too, without writing a single output.
 */
const COMPILED_MARK = path.join('dist', '.compiled');

/** Whether dist/ is missing or older than one of the app's sources (a deleted file changes its folder's time). */
function isAppStale(appDir = ROOT) {
  const newestInput = Math.max(...INPUTS.map((input) => newestMtime(path.join(appDir, input))));
  return newestMtime(path.join(appDir, COMPILED_MARK)) < newestInput;
}

/**
 * Strapi's compile when the sources changed since the last one; resolves to `{ appDir, distDir }` as
 * `compileStrapi` does.
 */
async function compileApp(appDir = ROOT) {
  if (!isAppStale(appDir)) return { appDir, distDir: path.join(appDir, 'dist') };
  const { compileStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir });
  // tsc leaves unchanged outputs (and its build info, when nothing changed) as they were: mark the compile.
  const now = new Date();
  fs.utimesSync(path.join(appDir, BUILD_INFO), now, now);
  fs.writeFileSync(path.join(appDir, COMPILED_MARK), `${now.toISOString()}\n`);
  return context;
}

module.exports = { compileApp, isAppStale };
