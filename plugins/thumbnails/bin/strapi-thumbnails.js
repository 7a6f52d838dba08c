#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npx strapi-thumbnails regenerate [--dry-run] [--restart] [--batch-size=50]`
 * `npx strapi-thumbnails regenerate --rotate <id>:<90|180|270|auto> [--rotate …]`
 *
 * Run from the Strapi app's folder. Boots the app (compiling its config/ and src/ first when they changed
 * since the last compile, as `strapi develop` would), then has the thumbnails plugin bring every media
 * file's variants up to date: after a preset change, or for media uploaded before the plugin was enabled.
 * Resumable (Ctrl-C stops after the current batch; the next run continues from there), idempotent
 * (up-to-date files are skipped), `--dry-run` lists what would change. All logic lives in the plugin's `regenerate` service; this file only parses flags
 * and draws the progress bar.
 *
 * `--rotate` instead rewrites one stored original upright (clockwise degrees, or `auto` to apply its EXIF
 * orientation) and has Strapi's formats and the variants rebuilt from it: for originals stored sideways.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const USAGE =
  'usage: strapi-thumbnails regenerate [--dry-run] [--restart] [--batch-size=N]\n' +
  '       strapi-thumbnails regenerate --rotate <file id>:<90|180|270|auto> [--rotate …]\n' +
  'Run it from the Strapi app folder.';

/**
 * @typedef {90 | 180 | 270 | 'auto'} Rotation
 * @typedef {{ dryRun: boolean, restart: boolean, batchSize: number, rotate: Array<{ id: number, rotation: Rotation }> }} Flags
 */

/**
 * Parses `<id>:<90|180|270|auto>`.
 * @param {string | undefined} value
 * @returns {{ id: number, rotation: Rotation }}
 */
function parseRotation(value) {
  const match = /^(\d+):(90|180|270|auto)$/.exec(value ?? '');
  if (!match)
    throw new Error(`--rotate wants <file id>:<90|180|270|auto>, got "${value ?? ''}"\n${USAGE}`);
  return {
    id: Number(match[1]),
    rotation: match[2] === 'auto' ? 'auto' : /** @type {90 | 180 | 270} */ (Number(match[2])),
  };
}

/**
 * Parses the flags after `regenerate`; throws with the usage line on anything unknown.
 * @param {string[]} argv
 * @returns {Flags}
 */
function parseFlags(argv) {
  /** @type {Flags} */
  const flags = { dryRun: false, restart: false, batchSize: 50, rotate: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--dry-run') flags.dryRun = true;
    else if (arg === '--rotate') {
      index += 1;
      flags.rotate.push(parseRotation(argv[index]));
    } else if (arg.startsWith('--rotate='))
      flags.rotate.push(parseRotation(arg.slice('--rotate='.length)));
    else if (arg === '--restart') flags.restart = true;
    else if (arg.startsWith('--batch-size=')) {
      flags.batchSize = Number(arg.slice('--batch-size='.length));
      if (!Number.isInteger(flags.batchSize) || flags.batchSize < 1)
        throw new Error(`--batch-size must be a positive integer\n${USAGE}`);
    } else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return flags;
}

/**
 * Splits the command line into the command and its flags; only `regenerate` exists.
 * @param {string[]} argv
 * @returns {Flags}
 */
function parseCommandLine(argv) {
  const [command, ...rest] = argv;
  if (command !== 'regenerate')
    throw new Error(`${command ? `unknown command "${command}"` : 'no command given'}\n${USAGE}`);
  return parseFlags(rest);
}

/** @param {string} line */
const out = (line) => process.stdout.write(`${line}\n`);

/**
 * One line about a finished run.
 * @param {{ dryRun: boolean, done: number, total: number, resumed: boolean, counts: { generated: number, upToDate: number, skipped: number, notImage: number, failed: number } }} summary
 * @returns {string}
 */
function describeSummary(summary) {
  const { counts } = summary;
  const verb = summary.dryRun ? 'would regenerate' : 'regenerated';
  return [
    `${summary.done}/${summary.total} files${summary.resumed ? ' (resumed)' : ''}: ${counts.generated} ${verb}, ${counts.upToDate} up to date,`,
    `${counts.skipped} images skipped (see warnings), ${counts.notImage} not images, ${counts.failed} failed.`,
  ].join(' ');
}

/**
 * Newest modification time (ms) under a file or folder, 0 when missing. A folder's own time counts: a
 * deleted file changes it.
 * @param {string} target
 * @returns {number}
 */
function newestChange(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce(
      (newest, entry) => Math.max(newest, newestChange(path.join(target, entry))),
      stat.mtimeMs
    );
}

/**
 * Whether a TypeScript app's compiled `dist/` is at least as new as its sources. Strapi's compile is
 * incremental and writes `dist/tsconfig.tsbuildinfo` each time; a type-checked compile takes about ten
 * seconds, which a second run of this command right after the first need not pay.
 * @param {string} appDir
 * @returns {boolean}
 */
function compiledAppIsCurrent(appDir) {
  const buildInfo = newestChange(path.join(appDir, 'dist', 'tsconfig.tsbuildinfo'));
  const sources = Math.max(
    ...['config', 'src', 'tsconfig.json', 'package.json'].map((input) =>
      newestChange(path.join(appDir, input))
    )
  );
  return buildInfo > 0 && buildInfo >= sources;
}

/**
 * Boots the app in `appDir` with the app's own copy of Strapi, runs the command, stops the app.
 * @param {string[]} argv
 * @param {string} appDir
 * @returns {Promise<number>} the exit code
 */
async function main(argv, appDir) {
  const flags = parseCommandLine(argv);
  const appRequire = createRequire(path.join(appDir, 'package.json'));
  const { compileStrapi, createStrapi } = appRequire('@strapi/strapi');
  const appContext = compiledAppIsCurrent(appDir)
    ? { appDir, distDir: path.join(appDir, 'dist') }
    : await compileStrapi({ appDir });
  const strapi = await createStrapi({ ...appContext, autoReload: false }).load();
  if (!strapi.plugin('thumbnails')) {
    await strapi.destroy();
    throw new Error('the thumbnails plugin is not enabled in this app (config/plugins)');
  }
  if (flags.rotate.length > 0) {
    try {
      const variants = strapi.plugin('thumbnails').service('variants');
      for (const { id, rotation } of flags.rotate) {
        const { width, height } = await variants.rotateOriginal(id, rotation);
        out(
          `file ${id}: original rewritten ${rotation === 'auto' ? 'upright from its EXIF orientation' : `rotated ${rotation}°`} (${width}×${height}); formats and variants rebuilt`
        );
      }
      return 0;
    } finally {
      await strapi.destroy();
    }
  }
  const { SingleBar, Presets } = require('cli-progress');
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(
      '\nStopping after the current batch (Ctrl-C again to quit now); run again to resume.\n'
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  const bar = new SingleBar(
    {
      format:
        ' {bar} {percentage}% | {value}/{total} files | {generated} new, {upToDate} up to date, {skipped} skipped',
    },
    Presets.shades_classic
  );
  /** @type {string[]} */
  const changes = [];
  try {
    const service = strapi.plugin('thumbnails').service('regenerate');
    let started = false;
    const summary = await service.run({
      dryRun: flags.dryRun,
      restart: flags.restart,
      batchSize: flags.batchSize,
      signal: controller.signal,
      /** @param {{ done: number, total: number, counts: Record<string, number> }} progress */
      onProgress: ({ done, total, counts }) => {
        if (!started) {
          bar.start(total, done, counts);
          started = true;
        } else bar.update(done, counts);
      },
      /**
       * @param {{ id: number, name: string }} file
       * @param {{ action?: string, notImage?: boolean, reason?: string }} result
       */
      onFile: (file, result) => {
        if (
          flags.dryRun &&
          'action' in result &&
          result.action !== 'up-to-date' &&
          !(result.action === 'skip' && result.notImage)
        ) {
          changes.push(
            `  ${result.action === 'generate' ? 'regenerate' : 'skip'} #${file.id} ${file.name}: ${result.reason}`
          );
        }
      },
    });
    bar.stop();
    if (flags.dryRun) {
      out(
        changes.length
          ? `Would change ${changes.length} file(s):\n${changes.join('\n')}`
          : 'Nothing to change.'
      );
    }
    out(describeSummary(summary));
    if (!summary.completed) out('Stopped early; run the same command again to resume.');
    return summary.counts.failed > 0 ? 1 : 0;
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
    await strapi.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.cwd()).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(
        `strapi-thumbnails failed: ${error instanceof Error ? error.message : String(error)}\n`
      );
      process.exit(1);
    }
  );
}

module.exports = { parseCommandLine, parseFlags, describeSummary, USAGE };
