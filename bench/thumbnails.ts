/**
 * `npm run bench:thumbnails` — prints, side by side in one run, the thumbnails plugin against baselines
 * measured in the same run (ratios, not absolute timings):
 *
 * 1. variant generation for a 24 MP JPEG: the plugin's renderer ÷ a plain sharp script making the same
 *    outputs (3 WebP presets, placeholder, dominant colour), target ≤ 1.2;
 * 2. `POST /api/upload` of that JPEG with the plugin ÷ without it (THUMBNAILS_ENABLED=false), target ≤ 1.5;
 * 3. peak RSS during that upload, with ÷ without, target ≤ 1.3;
 * 4. regenerate throughput over 100 images (images/s) and its ratio to the plain sharp script;
 * 5. eight uploads in parallel of needle-thin and very wide JPEGs (1000×50,000 and 50,000×1000): peak RSS
 *    with ÷ without the plugin, target ≤ 1.3, and the time ratio. Without the plugin Strapi's own optimize
 *    and responsive formats decode them too, so the ratio is the plugin's share on top.
 *
 * `npm run bench:thumbnails -- --only=needles` runs scenario 5 alone.
 *
 * The app is booted in child processes (one per mode) so each has its own heap and RSS high-water mark.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { defaultConfig, resolvePresets } from '../plugins/thumbnails/server/src/config';
import { variantSize } from '../plugins/thumbnails/server/src/lib/geometry';
import { createLimiter } from '../plugins/thumbnails/server/src/lib/limiter';
import { inspectSource, renderVariants } from '../plugins/thumbnails/server/src/lib/render';

const APP_DIR = path.join(__dirname, '..');
const SOURCE_SIZE = { width: 6000, height: 4000 }; // 24 MP
const BATCH_SOURCE_SIZE = { width: 2000, height: 1333 };
const BATCH_COUNT = 100;
const GENERATION_ROUNDS = 5;
const UPLOAD_ROUNDS = 3;
const NEEDLE_SIZES = [
  { width: 1000, height: 50_000 },
  { width: 50_000, height: 1000 },
];
const NEEDLE_PARALLEL = 8;
const NEEDLE_ROUNDS = 2;

const config = defaultConfig();
const presets = resolvePresets(config);
const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A photo-like JPEG: a gradient with shapes plus grain, so it neither compresses nor decodes trivially. */
async function makePhoto({ width, height }: { width: number; height: number }): Promise<Buffer> {
  const svg =
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e3a8a"/><stop offset="0.5" stop-color="#a16207"/><stop offset="1" stop-color="#f97316"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.68}" cy="${height * 0.4}" r="${height * 0.22}" fill="#fde68a" fill-opacity="0.7"/>
    <rect x="${width * 0.1}" y="${height * 0.55}" width="${width * 0.35}" height="${height * 0.3}" fill="#0f172a" fill-opacity="0.5"/>
  </svg>`);
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return sharp(svg)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** The placeholder as the plugin makes it (16 px, light blur, WebP), straight from the source. */
const plainPlaceholder = (input: Buffer) =>
  sharp(input)
    .rotate()
    .resize(16, 16, { fit: 'inside' })
    .blur(0.5)
    .webp({ quality: 40, effort: 6 })
    .toBuffer();

/** The dominant colour as the plugin computes it (sharp's stats over a 64 px downsample), straight from the source. */
async function plainDominant(input: Buffer) {
  const { data, info } = await sharp(input)
    .rotate()
    .resize(64, 64, { fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (
    await sharp(data, {
      raw: { width: info.width, height: info.height, channels: info.channels },
    }).stats()
  ).dominant;
}

/**
 * The same outputs as the plugin, the way a plain sharp script would make them: one pipeline per output,
 * each decoding the source again. Writes each output to `outputPath(key)` when given, else to a buffer.
 */
async function plainOutputs(input: Buffer, outputPath?: (key: string) => string): Promise<number> {
  const meta = await sharp(input).metadata();
  const source = {
    width: meta.autoOrient?.width ?? meta.width!,
    height: meta.autoOrient?.height ?? meta.height!,
  };
  // each preset at its own size plus its width-ladder rungs (never enlarged), like the plugin
  const outputs = presets.flatMap((preset) =>
    preset.outputs.flatMap((output) => {
      const size = variantSize(source, preset);
      const sizes = [
        { key: output.key, ...size },
        ...preset.ladder
          .filter((width) => width < size.width)
          .map((width) => ({
            key: `${output.key}_${width}w`,
            width,
            height: Math.max(1, Math.round((width * size.height) / size.width)),
          })),
      ];
      return sizes.map(({ key, width, height }) => {
        const pipeline = sharp(input)
          .rotate()
          .resize(width, height, { fit: 'cover', position: sharp.strategy.attention })
          .webp({ quality: output.quality, effort: output.effort });
        return outputPath ? pipeline.toFile(outputPath(key)) : pipeline.toBuffer();
      });
    })
  );
  const results = await Promise.all([...outputs, plainPlaceholder(input), plainDominant(input)]);
  return results.length;
}

/** The plugin's renderer (header check, one decode, every output). */
async function pluginRender(input: Buffer): Promise<number> {
  const info = await inspectSource(sharp, input, {
    claimedMime: 'image/jpeg',
    maxInputPixels: config.maxInputPixels,
  });
  const result = await renderVariants(sharp, input, info, {
    presets,
    focalPoint: null,
    maxInputPixels: config.maxInputPixels,
    placeholderSize: config.placeholder.size,
    schedule: createLimiter(config.concurrency),
  });
  return result.variants.length;
}

async function timeIt(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** Plain sharp over the batch, with the plugin's concurrency, reading each source from disk and writing outputs. */
async function plainBatch(files: string[], outDir: string): Promise<number> {
  const limit = createLimiter(config.concurrency);
  const start = performance.now();
  await Promise.all(
    files.map((file, index) =>
      limit(async () =>
        plainOutputs(await fs.promises.readFile(file), (key) =>
          path.join(outDir, `${key}_${index}.webp`)
        )
      )
    )
  );
  return (files.length / (performance.now() - start)) * 1000;
}

// ---------------------------------------------------------------------------------------------------
// child: boots the app (plugin on or off) and measures uploads, then (plugin on) regenerate over a batch

interface ChildOptions {
  withPlugin: boolean;
  /** Instead of the 24 MP uploads: NEEDLE_PARALLEL parallel uploads of these files, NEEDLE_ROUNDS times. */
  needles?: string[];
  /** Also time a regenerate run over BATCH_COUNT files (plugin on only). */
  regenerate: boolean;
  source: string;
  batchSource: string;
}

interface ChildResult {
  uploadMs: number[];
  peakRss: number[];
  idleRss: number;
  regenerate?: { images: number; seconds: number; generated: number };
}

const readHwm = () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
};
const resetHwm = () => {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux or not allowed: VmHWM then is the peak since start, which still bounds the upload
  }
};

async function child({
  withPlugin,
  regenerate,
  source,
  batchSource,
  needles,
}: ChildOptions): Promise<ChildResult> {
  process.env.THUMBNAILS_ENABLED = withPlugin ? 'true' : 'false';
  // require, not import(): esbuild-register leaves a dynamic import() to Node's ESM loader
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTestApp, APP_DIR: appDir } =
    require('../tests/helpers/strapi') as typeof import('../tests/helpers/strapi');
  const app = await startTestApp({
    THUMBNAILS_ENABLED: withPlugin ? 'true' : 'false',
    LOG_LEVEL: 'error',
  });
  const result: ChildResult = { uploadMs: [], peakRss: [], idleRss: 0 };
  try {
    const token = await app.token();
    const upload = async () => {
      const res = await app
        .http()
        .post('/api/upload')
        .set('Authorization', `Bearer ${token}`)
        .attach('files', bytes, { filename: 'bench-24mp.jpg', contentType: 'image/jpeg' });
      if (res.status !== 201)
        throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
      const file = res.body[0] as { id: number; formats: Record<string, unknown> };
      if (withPlugin && !file.formats.og_webp) throw new Error('the plugin made no variants');
      return file;
    };
    const remove = (id: number) =>
      app.http().delete(`/api/upload/files/${id}`).set('Authorization', `Bearer ${token}`);

    if (needles) {
      const files = needles.map((file) => fs.readFileSync(file));
      const uploadNeedle = async (index: number) => {
        const res = await app
          .http()
          .post('/api/upload')
          .set('Authorization', `Bearer ${token}`)
          .attach('files', files[index % files.length], {
            filename: `bench-needle-${index}.jpg`,
            contentType: 'image/jpeg',
          });
        if (res.status !== 201)
          throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
        const file = res.body[0] as { id: number; formats: Record<string, unknown> | null };
        if (withPlugin && !file.formats?.og_webp)
          throw new Error('the plugin made no variants for a needle');
        return file.id;
      };
      await remove(await uploadNeedle(0)); // warm-up
      global.gc?.();
      result.idleRss = process.memoryUsage().rss;
      for (let round = 0; round < NEEDLE_ROUNDS; round += 1) {
        global.gc?.();
        resetHwm();
        const start = performance.now();
        const ids = await Promise.all(
          Array.from({ length: NEEDLE_PARALLEL }, (_, index) => uploadNeedle(index))
        );
        result.uploadMs.push(performance.now() - start);
        result.peakRss.push(readHwm());
        for (const id of ids) await remove(id);
      }
      return result;
    }

    const bytes = fs.readFileSync(source);
    await remove((await upload()).id); // warm-up
    global.gc?.();
    result.idleRss = process.memoryUsage().rss;
    for (let round = 0; round < UPLOAD_ROUNDS; round += 1) {
      global.gc?.();
      resetHwm();
      const start = performance.now();
      const file = await upload();
      result.uploadMs.push(performance.now() - start);
      result.peakRss.push(readHwm());
      await remove(file.id);
    }

    if (withPlugin && regenerate) {
      // 100 files "uploaded before the plugin was enabled": rows inserted with createMany (no afterCreate)
      const batch = fs.readFileSync(batchSource);
      const meta = await sharp(batch).metadata();
      const rows = Array.from({ length: BATCH_COUNT }, (_, index) => {
        const hash = `bench_batch_${index}_${process.pid}`;
        fs.writeFileSync(path.join(appDir, 'public', 'uploads', `${hash}.jpg`), batch);
        return {
          name: `bench-batch-${index}.jpg`,
          hash,
          ext: '.jpg',
          mime: 'image/jpeg',
          size: Math.round(batch.length / 10) / 100,
          width: meta.width,
          height: meta.height,
          url: `/uploads/${hash}.jpg`,
          provider: 'local',
          folderPath: '/',
        };
      });
      await app.strapi.db.query('plugin::upload.file').createMany({ data: rows });
      const service = app.strapi.plugin('thumbnails').service('regenerate') as {
        run: () => Promise<{ counts: { generated: number } }>;
      };
      const start = performance.now();
      const summary = await service.run();
      const seconds = (performance.now() - start) / 1000;
      result.regenerate = { images: BATCH_COUNT, seconds, generated: summary.counts.generated };
      const files = (await app.strapi.db
        .query('plugin::upload.file')
        .findMany({ where: { hash: { $startsWith: 'bench_batch_' } } })) as Array<{ id: number }>;
      for (const file of files) await app.strapi.plugin('upload').service('upload').remove(file);
    }
  } finally {
    await app.stop();
  }
  return result;
}

function runChild(options: ChildOptions): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', '-r', 'esbuild-register', __filename, '--child', JSON.stringify(options)],
      {
        cwd: APP_DIR,
        stdio: ['ignore', 'pipe', 'inherit'],
      }
    );
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
      if (code !== 0 || !line)
        reject(
          new Error(
            `bench child (${options.withPlugin ? 'with' : 'without'} plugin) exited with ${code}\n${stdout}`
          )
        );
      else resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult);
    });
  });
}

// ---------------------------------------------------------------------------------------------------

/** Compiles the app once, like the test harness does, so every child boots the same dist/. */
function compileApp() {
  execFileSync(
    process.execPath,
    [
      '-e',
      `require('@strapi/strapi').compileStrapi({ appDir: ${JSON.stringify(APP_DIR)} }).then(() => process.exit(0))`,
    ],
    { cwd: APP_DIR, stdio: 'ignore' }
  );
}

/** A needle-thin or very wide JPEG: a tinted noise field (like a long screenshot or a panorama, hard to compress). */
async function makeNeedle({ width, height }: { width: number; height: number }): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 6 },
    },
  })
    .linear([0.6, 0.9, 1.2], [40, 10, -20])
    .jpeg({ quality: 80 })
    .toBuffer();
}

type Row = [string, string, string, string, string];

/** Scenario 5: both modes twice, interleaved (A/B/A/B); returns its table rows. */
async function needleScenario(work: string, source: string, batchSource: string): Promise<Row[]> {
  const needles = await Promise.all(
    NEEDLE_SIZES.map(async (size) => {
      const file = path.join(work, `needle-${size.width}x${size.height}.jpg`);
      fs.writeFileSync(file, await makeNeedle(size));
      return file;
    })
  );
  const options = { regenerate: false, source, batchSource, needles };
  const runs = { with: [] as ChildResult[], without: [] as ChildResult[] };
  for (let pass = 0; pass < 2; pass += 1) {
    runs.without.push(await runChild({ ...options, withPlugin: false }));
    runs.with.push(await runChild({ ...options, withPlugin: true }));
  }
  const peak = (mode: ChildResult[]) => Math.max(...mode.flatMap((run) => run.peakRss));
  const time = (mode: ChildResult[]) => median(mode.flatMap((run) => run.uploadMs));
  const label = `${NEEDLE_PARALLEL} parallel uploads, ${NEEDLE_SIZES.map((size) => `${size.width}×${size.height}`).join(' / ')} JPEG`;
  return [
    [
      `${label}: peak RSS`,
      mb(peak(runs.with)),
      `without plugin ${mb(peak(runs.without))}`,
      (peak(runs.with) / peak(runs.without)).toFixed(2),
      '≤ 1.30',
    ],
    [
      `  same, time for all ${NEEDLE_PARALLEL} (median of ${NEEDLE_ROUNDS * 2})`,
      ms(time(runs.with)),
      `without plugin ${ms(time(runs.without))}`,
      (time(runs.with) / time(runs.without)).toFixed(2),
      '(time ratio)',
    ],
  ];
}

function printRows(rows: Row[]) {
  out();
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
  out(
    [
      'measure'.padEnd(widths[0]),
      'plugin'.padStart(widths[1]),
      'baseline'.padStart(widths[2]),
      'ratio'.padStart(widths[3]),
      'target',
    ].join('  ')
  );
  for (const row of rows) {
    out(
      [
        row[0].padEnd(widths[0]),
        row[1].padStart(widths[1]),
        row[2].padStart(widths[2]),
        row[3].padStart(widths[3]),
        row[4],
      ].join('  ')
    );
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-thumbnails-'));
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  try {
    if (only && only !== 'needles') throw new Error(`unknown scenario "${only}" (known: needles)`);
    out(
      `bench:thumbnails on ${os.cpus().length} cores, node ${process.versions.node}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`
    );
    if (only === 'needles') {
      compileApp();
      printRows(await needleScenario(work, '', ''));
      return;
    }
    const source = path.join(work, 'photo-24mp.jpg');
    const input = await makePhoto(SOURCE_SIZE);
    fs.writeFileSync(source, input);
    const batchSource = path.join(work, 'photo-batch.jpg');
    fs.writeFileSync(batchSource, await makePhoto(BATCH_SOURCE_SIZE));
    out(
      `source: ${SOURCE_SIZE.width}×${SOURCE_SIZE.height} JPEG (24 MP), ${(input.length / 1024 / 1024).toFixed(1)} MB`
    );

    // 1. variant generation, alternating runs after a warm-up of each
    await plainOutputs(input);
    await pluginRender(input);
    const plugin: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < GENERATION_ROUNDS; round += 1) {
      plain.push(await timeIt(() => plainOutputs(input)));
      plugin.push(await timeIt(() => pluginRender(input)));
    }
    const generation = { plugin: median(plugin), plain: median(plain) };

    // 4 (baseline). plain sharp over the batch, in this process with sharp's defaults
    const batchFiles = Array.from({ length: BATCH_COUNT }, (_, index) => {
      const file = path.join(work, `batch-${index}.jpg`);
      fs.copyFileSync(batchSource, file);
      return file;
    });
    const outDir = fs.mkdtempSync(path.join(work, 'plain-'));

    // 2, 3, 4. the app, without and with the plugin, interleaved (A/B/A/B) so that load from other
    // processes on the machine hits both alike; compiled once, like the test harness does
    compileApp();
    const withoutRuns = [
      await runChild({ withPlugin: false, regenerate: false, source, batchSource }),
    ];
    const withRuns = [await runChild({ withPlugin: true, regenerate: false, source, batchSource })];
    withoutRuns.push(await runChild({ withPlugin: false, regenerate: false, source, batchSource }));
    // the plain batch runs right before and right after the regenerate run it is compared with
    const plainBefore = await plainBatch(batchFiles, outDir);
    withRuns.push(await runChild({ withPlugin: true, regenerate: true, source, batchSource }));
    const plainThroughput = (plainBefore + (await plainBatch(batchFiles, outDir))) / 2;
    const merge = (runs: ChildResult[]): ChildResult => ({
      uploadMs: runs.flatMap((run) => run.uploadMs),
      peakRss: runs.flatMap((run) => run.peakRss),
      // kept as the largest peak-above-idle of any run, so `peak - idleRss` below reads it back
      idleRss:
        Math.max(...runs.flatMap((run) => run.peakRss)) -
        Math.max(...runs.flatMap((run) => run.peakRss.map((peak) => peak - run.idleRss))),
      regenerate: runs.find((run) => run.regenerate)?.regenerate,
    });
    const without = merge(withoutRuns);
    const withPlugin = merge(withRuns);
    const regen = withPlugin.regenerate!;
    const regenThroughput = regen.generated / regen.seconds;

    const rows: Row[] = [
      [
        `variant generation, 24 MP JPEG (median of ${GENERATION_ROUNDS})`,
        ms(generation.plugin),
        `plain sharp ${ms(generation.plain)}`,
        (generation.plugin / generation.plain).toFixed(2),
        '≤ 1.20',
      ],
      [
        `POST /api/upload, 24 MP JPEG (median of ${UPLOAD_ROUNDS * 2})`,
        ms(median(withPlugin.uploadMs)),
        `without plugin ${ms(median(without.uploadMs))}`,
        (median(withPlugin.uploadMs) / median(without.uploadMs)).toFixed(2),
        '≤ 1.50',
      ],
      [
        'peak RSS during that upload (max)',
        mb(Math.max(...withPlugin.peakRss)),
        `without plugin ${mb(Math.max(...without.peakRss))}`,
        (Math.max(...withPlugin.peakRss) / Math.max(...without.peakRss)).toFixed(2),
        '≤ 1.30',
      ],
      [
        `  (peak above idle: with ${mb(Math.max(...withPlugin.peakRss) - withPlugin.idleRss)}, without ${mb(
          Math.max(...without.peakRss) - without.idleRss
        )})`,
        '',
        '',
        '',
        '',
      ],
      [
        `regenerate ${regen.generated}/${BATCH_COUNT} images ${BATCH_SOURCE_SIZE.width}×${BATCH_SOURCE_SIZE.height}`,
        `${regenThroughput.toFixed(1)} images/s`,
        `plain sharp ${plainThroughput.toFixed(1)} images/s`,
        (regenThroughput / plainThroughput).toFixed(2),
        '(throughput, higher is better)',
      ],
    ];
    rows.push(...(await needleScenario(work, source, batchSource)));
    printRows(rows);
    out();
    out(
      `upload runs (ms): with ${withPlugin.uploadMs.map((value) => value.toFixed(0)).join(', ')}; without ${without.uploadMs.map((value) => value.toFixed(0)).join(', ')}`
    );
    out(
      `generation runs (ms): plugin ${plugin.map((value) => value.toFixed(0)).join(', ')}; plain ${plain.map((value) => value.toFixed(0)).join(', ')}`
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(JSON.parse(process.argv[3]) as ChildOptions).then(
    (result) => {
      process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    }
  );
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
