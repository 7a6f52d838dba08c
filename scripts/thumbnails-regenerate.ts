/**
 * `npm run thumbnails:regenerate [-- --dry-run] [-- --restart] [-- --batch-size=50]`
 * `npm run thumbnails:regenerate -- --rotate <id>:<90|180|270|auto> [--rotate …]`
 *
 * Boots the app (compiling config/ and src/ first), then has the thumbnails plugin bring every media file's
 * variants up to date: after a preset change, or for media uploaded before the plugin was enabled.
 * Resumable (Ctrl-C stops after the current batch; the next run continues from there), idempotent
 * (up-to-date files are skipped), `--dry-run` lists what would change. All logic lives in the plugin's
 * `regenerate` service; this file only parses flags and draws the progress bar.
 *
 * `--rotate` instead rewrites one stored original upright (clockwise degrees, or `auto` to apply its EXIF
 * orientation) and has Strapi's formats and the variants rebuilt from it: for originals stored sideways.
 */
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { SingleBar, Presets } from 'cli-progress';
import type { RegenerateService, RegenerateSummary } from '../plugins/thumbnails/server/src/services/regenerate';
import type { Rotation, VariantsService } from '../plugins/thumbnails/server/src/services/variants';

const APP_DIR = path.join(__dirname, '..');

interface Flags {
  dryRun: boolean;
  restart: boolean;
  batchSize: number;
  /** Originals to rewrite upright, in order. */
  rotate: Array<{ id: number; rotation: Rotation }>;
}

const USAGE =
  'usage: npm run thumbnails:regenerate -- [--dry-run] [--restart] [--batch-size=N]\n' +
  '       npm run thumbnails:regenerate -- --rotate <file id>:<90|180|270|auto> [--rotate …]';

/** Parses `<id>:<90|180|270|auto>`. */
function parseRotation(value: string | undefined): { id: number; rotation: Rotation } {
  const match = /^(\d+):(90|180|270|auto)$/.exec(value ?? '');
  if (!match) throw new Error(`--rotate wants <file id>:<90|180|270|auto>, got "${value ?? ''}"\n${USAGE}`);
  return { id: Number(match[1]), rotation: match[2] === 'auto' ? 'auto' : (Number(match[2]) as 90 | 180 | 270) };
}

/** Parses the command line; throws with the usage line on anything unknown. */
export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { dryRun: false, restart: false, batchSize: 50, rotate: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--dry-run') flags.dryRun = true;
    else if (arg === '--rotate') {
      index += 1;
      flags.rotate.push(parseRotation(argv[index]));
    } else if (arg.startsWith('--rotate=')) flags.rotate.push(parseRotation(arg.slice('--rotate='.length)));
    else if (arg === '--restart') flags.restart = true;
    else if (arg.startsWith('--batch-size=')) {
      flags.batchSize = Number(arg.slice('--batch-size='.length));
      if (!Number.isInteger(flags.batchSize) || flags.batchSize < 1) throw new Error(`--batch-size must be a positive integer\n${USAGE}`);
    } else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  return flags;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function describeSummary(summary: RegenerateSummary): string {
  const { counts } = summary;
  const verb = summary.dryRun ? 'would regenerate' : 'regenerated';
  return [
    `${summary.done}/${summary.total} files${summary.resumed ? ' (resumed)' : ''}: ${counts.generated} ${verb}, ${counts.upToDate} up to date,`,
    `${counts.skipped} images skipped (see warnings), ${counts.notImage} not images, ${counts.failed} failed.`,
  ].join(' ');
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const appContext = await compileStrapi({ appDir: APP_DIR });
  const strapi = await createStrapi({ ...appContext, autoReload: false }).load();
  if (flags.rotate.length > 0) {
    try {
      const variants = strapi.plugin('thumbnails').service('variants') as VariantsService;
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
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nStopping after the current batch (Ctrl-C again to quit now); run again to resume.\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  const bar = new SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} files | {generated} new, {upToDate} up to date, {skipped} skipped' },
    Presets.shades_classic
  );
  const changes: string[] = [];
  try {
    const service = strapi.plugin('thumbnails').service('regenerate') as RegenerateService;
    let started = false;
    const summary = await service.run({
      dryRun: flags.dryRun,
      restart: flags.restart,
      batchSize: flags.batchSize,
      signal: controller.signal,
      onProgress: ({ done, total, counts }) => {
        if (!started) {
          bar.start(total, done, counts);
          started = true;
        } else bar.update(done, counts);
      },
      onFile: (file, result) => {
        if (flags.dryRun && 'action' in result && result.action !== 'up-to-date' && !(result.action === 'skip' && result.notImage)) {
          changes.push(`  ${result.action === 'generate' ? 'regenerate' : 'skip'} #${file.id} ${file.name}: ${result.reason}`);
        }
      },
    });
    bar.stop();
    if (flags.dryRun) {
      out(changes.length ? `Would change ${changes.length} file(s):\n${changes.join('\n')}` : 'Nothing to change.');
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
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`thumbnails:regenerate failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  );
}
