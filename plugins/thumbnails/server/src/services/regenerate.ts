import type { Core } from '@strapi/strapi';
import { countKey, startingPoint, type Checkpoint, type Counts } from '../lib/checkpoint';
import type { UploadFile } from '../lib/formats';
import { createLimiter } from '../lib/limiter';
import { FILE_UID, getConfig, getService } from '../utils';
import type { Outcome, Plan } from './variants';

export interface Progress {
  /** Files handled so far, including those handled by an earlier, interrupted run. */
  done: number;
  total: number;
  counts: Counts;
}

export interface RegenerateOptions {
  /** Decide and report what would change, without reading, writing or deleting anything. */
  dryRun?: boolean;
  /** Ignore a saved checkpoint and start from the first file. */
  restart?: boolean;
  /** Rows read per query; the checkpoint is saved after each batch. */
  batchSize?: number;
  /** Stops after the current batch, keeping the checkpoint (Ctrl-C in the CLI, "Stop" in an admin UI). */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Called for each file with what happened (or, in a dry run, what would happen). */
  onFile?: (file: Pick<UploadFile, 'id' | 'name' | 'mime'>, result: Outcome | Plan) => void;
}

export interface RegenerateSummary extends Progress {
  dryRun: boolean;
  resumed: boolean;
  /** False when stopped by the signal; run again to resume. */
  completed: boolean;
}

const FIELDS = [
  'id',
  'name',
  'mime',
  'hash',
  'ext',
  'size',
  'width',
  'height',
  'url',
  'provider',
  'formats',
  'focalPoint',
  'placeholder',
  'dominantColor',
  'provenance',
];

/**
 * Regenerates variants for every file in the media library: after a preset change, or for media
 * uploaded before the plugin was enabled. Resumable (a checkpoint in the plugin store after each batch)
 * and idempotent (up-to-date files are skipped from their row alone). Used by `npm run
 * thumbnails:regenerate`, and meant for an admin "Regenerate all" button (progress via `onProgress`).
 */
const createRegenerateService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () =>
    strapi.store({ type: 'plugin', name: 'thumbnails', key: 'regenerate-checkpoint' });
  /** One run at a time per process: two runs would share (and overwrite) one checkpoint. */
  let running = false;

  return {
    /** The saved checkpoint of an interrupted run, or null. */
    async checkpoint(): Promise<Checkpoint | null> {
      return ((await store().get({})) as Checkpoint | null) ?? null;
    },

    /** Whether a run is in progress in this process. */
    isRunning(): boolean {
      return running;
    },

    /** Runs (or resumes) a regenerate pass over all files, in id order. Rejects if one is already running. */
    async run(options: RegenerateOptions = {}): Promise<RegenerateSummary> {
      if (running) throw new Error('a thumbnails regenerate run is already in progress');
      running = true;
      try {
        return await runPass(options);
      } finally {
        running = false;
      }
    },
  };

  async function runPass(options: RegenerateOptions): Promise<RegenerateSummary> {
    const { dryRun = false, batchSize = 50, signal } = options;
    const variants = getService(strapi, 'variants');
    const settings = variants.settingsSignature();
    const saved = dryRun ? null : await store().get({});
    const state = startingPoint(saved, settings, { restart: options.restart });
    const total = Number(await strapi.db.query(FILE_UID).count({}));
    const parallel = createLimiter(getConfig(strapi).concurrency);
    const report = () =>
      options.onProgress?.({ done: state.done, total, counts: { ...state.counts } });
    report();

    let completed = true;
    for (;;) {
      if (signal?.aborted) {
        completed = false;
        break;
      }
      const batch = (await strapi.db.query(FILE_UID).findMany({
        select: FIELDS,
        where: { id: { $gt: state.lastId } },
        orderBy: { id: 'asc' },
        limit: batchSize,
      })) as UploadFile[];
      if (batch.length === 0) break;

      await Promise.all(
        batch.map((file) =>
          parallel(async () => {
            const result = dryRun
              ? variants.plan(file)
              : await variants.generate(file.id, { quietNotImage: true });
            state.counts[countKey(result)] += 1;
            state.done += 1;
            options.onFile?.({ id: file.id, name: file.name, mime: file.mime }, result);
            report();
          })
        )
      );
      state.lastId = batch[batch.length - 1].id;
      state.updatedAt = new Date().toISOString();
      if (!dryRun) {
        const { resumed: _resumed, ...checkpoint } = state;
        await store().set({ value: checkpoint });
      }
    }
    if (completed && !dryRun) await store().delete({});
    return {
      done: state.done,
      total,
      counts: { ...state.counts },
      dryRun,
      resumed: state.resumed,
      completed,
    };
  }
};

export type RegenerateService = ReturnType<typeof createRegenerateService>;
export default createRegenerateService;
