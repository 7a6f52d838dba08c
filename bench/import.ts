/**
 * `npm run bench:import` — the WordPress importer against baselines measured in the same run (ratios):
 *
 * 1. 1,000 generated posts with 2,000 images served by a local HTTP server: posts per second, and the
 *    import's time ÷ the time to upload the same 2,000 images through `POST /api/upload` alone (two at a
 *    time, as the importer fetches a post's two images) — the import's own share on top of the uploads;
 * 2. peak RSS of a dry run of a 200 MB export ÷ of a 2 MB export (goal ≤ 1.5: the export is streamed).
 *
 * `-- --posts=200` makes scenario 1 smaller. Each measurement boots the app in a child process of its own
 * (a fresh SQLite database), so each has its own heap and RSS high-water mark.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { compileApp } from '../scripts/compile-app';
import { generateExport } from '../scripts/wordpress/generate-export';
import { importWordPress } from '../scripts/wordpress/importer';
import { BASE_ENV, bootApp, createFullAccessToken } from '../tests/helpers/boot';
import { waitForMessage } from '../tests/helpers/child-messages';
import { createTestDatabase } from '../tests/helpers/database';
import { runBenchmark } from './support';

const APP_DIR = path.join(__dirname, '..');
const POSTS = Number(/--posts=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 1000);
const IMAGES_PER_POST = 2;
const BIG_EXPORT = 200 * 1024 * 1024;
const SMALL_EXPORT = 2 * 1024 * 1024;

type Message = Record<string, unknown> & { type: string };

/** A distinct small JPEG per index (so no two images deduplicate). */
const imageFor = (index: number) =>
  sharp({
    create: {
      width: 480,
      height: 320,
      channels: 3,
      background: { r: index % 256, g: (index * 7) % 256, b: (index * 13) % 256 },
    },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg width="480" height="320"><text x="20" y="160" font-size="60">${index}</text></svg>`
        ),
      },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();

/** Serves `/wp-content/uploads/gen/img-<id>.jpg` from `dir`. */
async function mediaServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
    try {
      const body = await fs.readFile(path.join(dir, name));
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/* ------------------------------------------------------------------ child: one measurement */

async function runServer(): Promise<void> {
  const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as {
    out: string;
    mode: 'speed' | 'rss';
    file: string;
    images?: string;
    media?: string;
  };
  const { strapi, baseUrl } = await bootApp({});
  try {
    if (job.mode === 'rss') {
      await importWordPress(strapi, {
        file: job.file,
        dryRun: true,
        outDir: job.out,
      });
      process.send?.({ type: 'done', maxRssKb: process.resourceUsage().maxRSS });
      return;
    }
    // the baseline: the same images through POST /api/upload, two at a time
    const token = await createFullAccessToken(strapi);
    const names = (await fs.readdir(job.images as string)).filter((n) => n.endsWith('.jpg'));
    const uploadOne = async (name: string) => {
      const form = new FormData();
      const bytes = await fs.readFile(path.join(job.images as string, name));
      form.append('files', new Blob([bytes], { type: 'image/jpeg' }), `baseline-${name}`);
      const response = await fetch(`${baseUrl}/api/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      });
      if (response.status !== 201) throw new Error(`upload of ${name}: HTTP ${response.status}`);
    };
    const started = performance.now();
    // one upload alone first: Strapi creates its "API Uploads" folder racily (STRAPI-NOTES)
    await uploadOne(names[0]);
    let next = 1;
    const uploader = async () => {
      while (next < names.length) await uploadOne(names[next++]);
    };
    await Promise.all([uploader(), uploader()]);
    const uploadSeconds = (performance.now() - started) / 1000;

    const importStarted = performance.now();
    const report = await importWordPress(strapi, {
      file: job.file,
      mediaFrom: job.media,
      outDir: job.out,
      concurrency: IMAGES_PER_POST,
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    const failed =
      report.posts.filter((p) => p.action === 'failed').length +
      report.media.filter((m) => m.action === 'failed').length;
    process.send?.({
      type: 'done',
      uploadSeconds,
      importSeconds,
      posts: report.posts.length,
      images: report.media.length,
      failed,
    });
  } finally {
    await strapi.destroy();
  }
}

/* ------------------------------------------------------------------ parent */

/** Runs `job` in a child app with its own database; its uploads and output go under `workDir` (removed by main). */
async function measure(workDir: string, job: Record<string, string>): Promise<Message> {
  const database = await createTestDatabase('sqlite');
  const scratch = await fs.mkdtemp(path.join(workDir, 'run-'));
  const child: ChildProcess = fork(__filename, ['--server'], {
    env: {
      ...process.env,
      ...BASE_ENV(),
      ...database.env,
      NODE_ENV: 'production',
      PUBLIC_DIR: path.join(scratch, 'public'),
      BENCH_JOB: JSON.stringify({ ...job, out: path.join(scratch, 'out') }),
    },
    execArgv: ['-r', 'esbuild-register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    return await waitForMessage<Message>(child, 'done');
  } finally {
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve(null) : child.once('exit', resolve)
    );
    await database.drop();
  }
}

async function main(): Promise<void> {
  await compileApp(APP_DIR);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-import-'));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const images = path.join(dir, 'images');
    await fs.mkdir(images);
    const media = await mediaServer(images);
    try {
      const exportFile = path.join(dir, 'posts.xml');
      const made = await generateExport(exportFile, {
        bytes: 0,
        maxPosts: POSTS,
        postBytes: 3000,
        imagesPerPost: IMAGES_PER_POST,
      });
      for (let id = 1; id <= made.posts * (IMAGES_PER_POST + 1); id += 1)
        if (id % (IMAGES_PER_POST + 1) !== 1)
          await fs.writeFile(path.join(images, `img-${id}.jpg`), await imageFor(id));
      const speed = await measure(dir, {
        mode: 'speed',
        file: exportFile,
        images,
        media: media.url,
      });
      const small = path.join(dir, 'small.xml');
      const big = path.join(dir, 'big.xml');
      await generateExport(small, { bytes: SMALL_EXPORT, postBytes: 100_000 });
      await generateExport(big, { bytes: BIG_EXPORT, postBytes: 100_000 });
      const smallRss = Number((await measure(dir, { mode: 'rss', file: small })).maxRssKb);
      const bigRss = Number((await measure(dir, { mode: 'rss', file: big })).maxRssKb);

      const posts = Number(speed.posts);
      const importSeconds = Number(speed.importSeconds);
      out('');
      out(
        `WordPress import, SQLite: ${posts} posts, ${speed.images} images (${speed.failed} failed)`
      );
      out(
        `posts per second                                        ${(posts / importSeconds).toFixed(1)}`
      );
      out(
        `import ÷ POST /api/upload of the same images            ${(importSeconds / Number(speed.uploadSeconds)).toFixed(2)}   (${importSeconds.toFixed(1)} s / ${Number(speed.uploadSeconds).toFixed(1)} s)`
      );
      out(
        `peak RSS, dry run of 200 MB ÷ 2 MB export               ${(bigRss / smallRss).toFixed(2)}   (${(bigRss / 1024).toFixed(0)} MB / ${(smallRss / 1024).toFixed(0)} MB)   target ≤ 1.5`
      );
    } finally {
      await media.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

runBenchmark(main, async () => {
  await runServer();
  process.exit(0);
});
