import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { C2paInfo } from '../provenance';

/**
 * The worker script (plain ESM, loaded as is: see its header for why). It sits next to this file in the
 * sources and next to the bundled server in dist/ (copied there by scripts/postbuild.js); a dist/ rebuilt
 * by `strapi-plugin watch` alone falls back to the sources of the workspace.
 */
const WORKER =
  [
    path.join(__dirname, 'reader-worker.mjs'),
    path.join(__dirname, '..', '..', 'server', 'src', 'lib', 'c2pa', 'reader-worker.mjs'),
  ].find((file) => fs.existsSync(file)) ?? path.join(__dirname, 'reader-worker.mjs');

/** Longest a manifest read may take before it is given up (the worker is then restarted). */
const READ_TIMEOUT_MS = 30_000;

/**
 * Whether the bytes may carry a C2PA manifest store, without parsing them: C2PA embeds a JUMBF box
 * (`jumb`) labelled `c2pa` (JPEG APP11 segments, the PNG `caBX` chunk, a BMFF `uuid` box). A hit only
 * means "worth a full read"; a miss means there is none.
 */
export function mayHaveC2pa(bytes: Buffer): boolean {
  const jumbf = bytes.indexOf('jumb', 0, 'latin1');
  return jumbf !== -1 && bytes.indexOf('c2pa', jumbf, 'latin1') !== -1;
}

export interface C2paReader {
  /**
   * Reads and validates the image's C2PA manifest store (Content Credentials) with @trustnxt/c2pa-ts:
   * presence, claim generator, the active manifest's actions with their digital source type, and whether
   * the claim signature, the signing certificate's profile and the hard-binding hashes validate against
   * these bytes (no trust list is configured: `validated` does not say the signer is known). Undefined
   * when there is no manifest store. Rejects when the reader fails or takes over READ_TIMEOUT_MS.
   */
  read(bytes: Buffer): Promise<C2paInfo | undefined>;
  /** Stops the worker (plugin destroy); a later read starts a new one. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (info: C2paInfo | undefined) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A C2PA reader backed by one worker thread, started on the first image that may carry a manifest and
 * kept (unref'd) for the next ones: loading the library costs about a second, reading a manifest
 * milliseconds.
 */
export function createC2paReader(): C2paReader {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      pending.delete(id);
      request.reject(error);
    }
  };

  const start = (): Worker => {
    const started = new Worker(WORKER);
    started.unref();
    started.on(
      'message',
      ({ id, info, error }: { id: number; info?: C2paInfo | null; error?: string }) => {
        const request = pending.get(id);
        if (!request) return;
        clearTimeout(request.timer);
        pending.delete(id);
        if (error !== undefined) request.reject(new Error(error));
        else request.resolve(info ?? undefined);
      }
    );
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the C2PA reader stopped (exit code ${code})`));
    });
    return started;
  };

  return {
    async read(bytes) {
      if (!mayHaveC2pa(bytes)) return undefined;
      worker ??= start();
      const current = worker;
      const id = (nextId += 1);
      const copy = new Uint8Array(bytes);
      return new Promise<C2paInfo | undefined>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the C2PA read took over ${READ_TIMEOUT_MS / 1000} s`));
          // A stuck read would block the ones queued behind it: start afresh.
          if (worker === current) worker = undefined;
          void current.terminate();
        }, READ_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        current.postMessage({ id, bytes: copy }, [copy.buffer]);
      });
    },

    async close() {
      const current = worker;
      worker = undefined;
      if (current) await current.terminate();
    },
  };
}
