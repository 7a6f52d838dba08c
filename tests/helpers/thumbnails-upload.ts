import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestApp } from './strapi';
import { testPublicDir } from './boot';

/** The run's own uploads folder (see testPublicDir). */
export const UPLOADS_DIR = path.join(testPublicDir(), 'uploads');

/** A stored format entry as the API returns it. */
export interface ApiFormat {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  sizeInBytes?: number;
  url: string;
  path?: string | null;
  preset?: string;
  plugin?: string;
}

/** An upload file as `POST /api/upload` and `GET /api/upload/files` return it. */
export interface ApiFile {
  id: number;
  name: string;
  hash: string;
  ext: string;
  mime: string;
  url: string;
  width: number | null;
  height: number | null;
  formats: Record<string, ApiFormat> | null;
  placeholder: string | null;
  dominantColor: string | null;
  focalPoint?: { x: number; y: number } | null;
  provenance?: Record<string, unknown> | null;
}

/**
 * Every file these tests upload gets this prefix, so its stored name (Strapi slugs it to `thmbtest_…`)
 * tells it apart from files other test suites upload into the same public/uploads at the same time.
 */
export const TEST_PREFIX = 'thmbtest-';
const STORED_MARKER = 'thmbtest_';

/** The name a test file is uploaded under. */
export const testName = (filename: string) => `${TEST_PREFIX}${filename}`;

export const THUMBNAIL_KEYS = ['card_webp', 'square_webp', 'og_webp'];

/** Uploads one file over HTTP with the full-access token; resolves to the response (status, body). */
export async function uploadFile(
  app: TestApp,
  bytes: Buffer,
  filename: string,
  contentType: string,
  fileInfo?: Record<string, unknown>
) {
  const request = app
    .http()
    .post('/api/upload')
    .set('Authorization', `Bearer ${await app.token()}`)
    .attach('files', bytes, { filename: testName(filename), contentType });
  if (fileInfo) request.field('fileInfo', JSON.stringify(fileInfo));
  return request;
}

/** Replaces a file's content over HTTP (`POST /api/upload?id=`). */
export async function replaceFile(
  app: TestApp,
  id: number,
  bytes: Buffer,
  filename: string,
  contentType: string
) {
  return app
    .http()
    .post(`/api/upload?id=${id}`)
    .set('Authorization', `Bearer ${await app.token()}`)
    .attach('files', bytes, { filename: testName(filename), contentType });
}

export async function deleteFile(app: TestApp, id: number) {
  return app
    .http()
    .delete(`/api/upload/files/${id}`)
    .set('Authorization', `Bearer ${await app.token()}`);
}

export async function getFile(app: TestApp, id: number): Promise<ApiFile> {
  const res = await app
    .http()
    .get(`/api/upload/files/${id}`)
    .set('Authorization', `Bearer ${await app.token()}`);
  if (res.status !== 200) throw new Error(`GET /api/upload/files/${id} answered ${res.status}`);
  return res.body as ApiFile;
}

/** Path on disk of a stored local-provider file from its URL. */
export const diskPath = (url: string) => path.join(testPublicDir(), url);

/** Names of the files these tests stored in public/uploads (to prove nothing was written or left behind). */
export const listUploads = (): Set<string> =>
  new Set(
    fs.existsSync(UPLOADS_DIR)
      ? fs.readdirSync(UPLOADS_DIR).filter((name) => name.includes(STORED_MARKER))
      : []
  );

/** Files in public/uploads whose name contains the given file hash (the original and all its formats). */
export const uploadsOf = (hash: string): string[] =>
  [...listUploads()].filter((name) => name.includes(hash));

/** Deletes every test upload written since `before` (tests clean up what they create, and only that). */
export function removeUploadsSince(before: Set<string>): void {
  for (const name of listUploads()) {
    if (!before.has(name)) fs.rmSync(path.join(UPLOADS_DIR, name), { force: true });
  }
}

/** Removes, after the enclosing file or describe block, every upload it stored in public/uploads. */
export function removeUploadsAfterAll(): void {
  let before = new Set<string>();
  beforeAll(() => {
    before = listUploads();
  });
  afterAll(() => removeUploadsSince(before));
}

/** Collects `strapi.log.warn` messages while the test runs. */
export function captureWarnings(app: TestApp): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const log = app.strapi.log as unknown as { warn: (...args: unknown[]) => unknown };
  const original = log.warn;
  log.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
    return original.apply(log, args);
  };
  return { messages, restore: () => void (log.warn = original) };
}

/**
 * Makes a file look as if it was uploaded before the plugin was enabled: Strapi's formats only, no
 * placeholder, and the variant files gone. Written with the query builder, below the DB lifecycles, so
 * the plugin's hooks do not immediately put the variants back.
 */
export async function stripVariants(app: TestApp, file: ApiFile): Promise<void> {
  const strapiFormats = Object.fromEntries(
    Object.entries(file.formats ?? {}).filter(([, entry]) => entry.plugin !== 'thumbnails')
  );
  await app.strapi.db
    .connection('files')
    .where({ id: file.id })
    .update({ formats: JSON.stringify(strapiFormats), placeholder: null, dominant_color: null });
  for (const entry of Object.values(file.formats ?? {})) {
    if (entry.plugin === 'thumbnails') fs.rmSync(diskPath(entry.url), { force: true });
  }
}

/**
 * Files in the temp folder (top level, and Strapi's `strapi-upload-*` working folders) whose bytes are
 * exactly `bytes`. Compared by content because other processes use
 * the same temp folder, and because the app's temp folder cannot be moved from inside Jest (os.tmpdir()
 * reads the real environment, not the test's copy of it).
 */
function tempCopiesOf(bytes: Buffer): string[] {
  const root = os.tmpdir();
  const candidates = (dir: string): string[] => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return []; // removed meanwhile by its owner
    }
    return names.map((name) => path.join(dir, name));
  };
  const paths = candidates(root).flatMap((entry) =>
    path.basename(entry).startsWith('strapi-upload-') ? candidates(entry) : [entry]
  );
  return paths.filter((file) => {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() && stat.size === bytes.length && fs.readFileSync(file).equals(bytes);
    } catch {
      return false; // not ours, gone or unreadable
    }
  });
}

/** Starts watching the temp folder for copies of `bytes`; the returned function lists the ones that appeared since. */
export function watchTemp(...contents: Buffer[]): () => string[] {
  const earlier = new Set(contents.flatMap(tempCopiesOf));
  return () => contents.flatMap(tempCopiesOf).filter((file) => !earlier.has(file));
}
