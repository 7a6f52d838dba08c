import type { Core } from '@strapi/strapi';
import type { UploadFile } from './lib/formats';
import { uploadStateOf } from './lib/upload-state';
import { INTERNAL_UPDATE, type Outcome } from './services/variants';
import { errorMessage, FILE_UID, getService } from './utils';

interface FileEvent {
  params: Record<string, unknown> & { data?: Record<string, unknown> };
  result?: UploadFile | null;
}

/** Row fields whose change means the stored image (or its crop) changed. */
const CONTENT_FIELDS = [
  'formats',
  'url',
  'hash',
  'ext',
  'mime',
  'size',
  'width',
  'height',
  'focalPoint',
];

/** The upload's temp file, when the upload service passes it along (5.x puts `getStream` in the row data). */
const streamOf = (data: Record<string, unknown> | undefined) =>
  typeof data?.getStream === 'function'
    ? (data.getStream as () => NodeJS.ReadableStream)
    : undefined;

/** Copies what the plugin wrote onto the row object the upload service is about to return. */
function applyToResult(result: UploadFile, outcome: Outcome) {
  if (outcome.status === 'generated') {
    Object.assign(result, {
      formats: outcome.formats,
      placeholder: outcome.placeholder,
      dominantColor: outcome.dominantColor,
      provenance: outcome.provenance,
    });
  } else if (outcome.status === 'skipped' && outcome.cleared) {
    Object.assign(result, {
      formats: outcome.cleared.formats,
      placeholder: null,
      dominantColor: null,
    });
  }
}

/** Applies a generated outcome to the data of a row about to be created. */
function applyToData(data: Record<string, unknown>, outcome: Outcome) {
  if (outcome.status !== 'generated') return;
  const { formats, placeholder, dominantColor, provenance } = outcome;
  Object.assign(data, { formats, placeholder, dominantColor, provenance });
}

/**
 * Why DB lifecycles: the upload plugin writes `plugin::upload.file` rows with `strapi.db.query()`, which
 * bypasses Document Service middlewares, so these hooks are the only place that sees every upload and
 * replace. They run inside the upload request (the response must show the variants) and never throw:
 * a failure costs the variants, never the upload. A new upload's variants are made before its row is
 * written (beforeCreate), so the row is written once, with them, and the response cache sees one write.
 *
 * No afterDelete: Strapi's `remove` deletes every `formats` entry through the provider, ours included
 * (they carry hash/ext/path like Strapi's own), and a generation racing a delete re-reads the row before
 * recording and deletes its fresh files when the row is gone.
 */
export function subscribeToFileLifecycles(strapi: Core.Strapi): void {
  const run = async (event: FileEvent, hook: string) => {
    const file = event.result;
    if (!file?.id) return;
    try {
      const outcome = await getService(strapi, 'variants').generate(file.id, {
        getStream: streamOf(event.params.data),
        upload: uploadStateOf(event.params.data),
      });
      applyToResult(file, outcome);
    } catch (error) {
      strapi.log.warn(
        `[thumbnails] ${hook} failed for "${file.name}" (file ${file.id}): ${errorMessage(error)}`
      );
    }
  };

  /** Create data whose variants beforeCreate settled (made, up to date or skipped): afterCreate has nothing left to do. */
  const settled = new WeakSet<object>();

  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],

    /** New upload (or import): its variants go into the row's first write. */
    async beforeCreate(event) {
      const data = (event as unknown as FileEvent).params.data;
      if (!data || typeof data.hash !== 'string' || typeof data.url !== 'string') return;
      const outcome = await getService(strapi, 'variants').prepareNew(
        data as unknown as UploadFile,
        {
          getStream: streamOf(data),
          upload: uploadStateOf(data),
        }
      );
      if (!outcome || outcome.status === 'failed') return;
      applyToData(data, outcome);
      settled.add(data);
    },

    /** A create whose variants could not be made before the write (a failure, stale variants of its own): made now. */
    async afterCreate(event) {
      const { params } = event as unknown as FileEvent;
      if (params.data && settled.has(params.data)) return;
      await run(event as unknown as FileEvent, 'afterCreate');
    },

    /**
     * Replace (new bytes, same row) or a new focal point: bring the variants back in step. Strapi's
     * replace already deleted the old variant files (they were in the old `formats`); the service
     * deletes any it still finds. Updates that touch none of the content fields, and the plugin's own
     * writes, are ignored.
     */
    async afterUpdate(event) {
      const { params } = event as unknown as FileEvent;
      if (params[INTERNAL_UPDATE]) return;
      const data = params.data ?? {};
      if (!CONTENT_FIELDS.some((field) => field in data)) return;
      await run(event as unknown as FileEvent, 'afterUpdate');
    },
  });
}
