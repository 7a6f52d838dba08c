import fs from 'node:fs';
import { useTestApp } from '../helpers/strapi';
import { makeImage, PDF_BYTES } from '../helpers/thumbnails-images';
import {
  diskPath,
  getFile,
  listUploads,
  removeUploadsSince,
  stripVariants,
  testName,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

interface Summary {
  done: number;
  total: number;
  counts: {
    generated: number;
    upToDate: number;
    skipped: number;
    notImage: number;
    failed: number;
  };
  dryRun: boolean;
  resumed: boolean;
  completed: boolean;
}
interface RegenerateService {
  run(options?: Record<string, unknown>): Promise<Summary>;
  isRunning(): boolean;
  checkpoint(): Promise<{ lastId: number; done: number } | null>;
}

// an app of its own: regenerate runs over every file in the database

const app = useTestApp();
const regenerate = () =>
  app().strapi.plugin('thumbnails').service('regenerate') as RegenerateService;
let before: Set<string>;
const images: ApiFile[] = [];
let pdf: ApiFile;

beforeAll(async () => {
  before = listUploads();
  for (let index = 0; index < 6; index += 1) {
    const res = await uploadFile(
      app(),
      await makeImage(900 + index * 50, 700, 'jpeg'),
      `batch-${index}.jpg`,
      'image/jpeg'
    );
    images.push(res.body[0]);
  }
  pdf = (await uploadFile(app(), PDF_BYTES, 'notes.pdf', 'application/pdf')).body[0];
  // one file "uploaded before the plugin was enabled": no variants, no placeholder
  await stripVariants(app(), images[0]);
});
afterAll(() => removeUploadsSince(before));

describe('after a preset change', () => {
  const config = () => app().strapi.config;
  let square: unknown;
  beforeAll(() => {
    square = config().get('plugin::thumbnails.presets.square');
    config().set('plugin::thumbnails.presets.square', { width: 300, height: 300 });
  });
  afterAll(() => config().set('plugin::thumbnails.presets.square', square));

  it('a dry run lists what would change and changes nothing', async () => {
    const files = listUploads();
    const listed: Array<[string, string]> = [];
    const summary = await regenerate().run({
      dryRun: true,
      onFile: (file: ApiFile, plan: { action: string }) => listed.push([file.name, plan.action]),
    });
    expect(summary).toMatchObject({
      dryRun: true,
      done: 7,
      total: 7,
      counts: { generated: 6, notImage: 1, upToDate: 0, failed: 0 },
    });
    expect(listed).toContainEqual([testName('batch-0.jpg'), 'generate']);
    expect(listed).toContainEqual([testName('notes.pdf'), 'skip']);
    expect(listUploads()).toEqual(files);
    expect((await getFile(app(), images[1].id)).formats).toEqual(images[1].formats);
  });

  it('stops when asked, keeping a checkpoint, then resumes after it', async () => {
    const controller = new AbortController();
    const first = await regenerate().run({
      batchSize: 2,
      onFile: () => controller.abort(),
      signal: controller.signal,
    });
    expect(first).toMatchObject({ completed: false, done: 2, counts: { generated: 2 } });
    expect(await regenerate().checkpoint()).toMatchObject({ lastId: images[1].id, done: 2 });
    expect((await getFile(app(), images[2].id)).formats!.square_webp.width).toBe(400); // not reached yet

    const handled: number[] = [];
    const second = await regenerate().run({
      batchSize: 2,
      onFile: (file: ApiFile) => handled.push(file.id),
    });
    expect(second).toMatchObject({
      completed: true,
      resumed: true,
      done: 7,
      total: 7,
      counts: { generated: 6, notImage: 1, failed: 0 },
    });
    expect(handled.sort((a, b) => a - b)).toEqual([
      ...images.slice(2).map((image) => image.id),
      pdf.id,
    ]);
    expect(await regenerate().checkpoint()).toBeNull();
  });

  it('leaves every image with the new square, the other presets and a placeholder, and no old file behind', async () => {
    for (const image of images) {
      const file = await getFile(app(), image.id);
      expect(file.formats!.square_webp).toMatchObject({ width: 300, height: 300 });
      expect(file.formats!.card_webp).toMatchObject({ width: 640, height: 360 });
      expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
      for (const entry of Object.values(file.formats!))
        expect(fs.existsSync(diskPath(entry.url))).toBe(true);
      if (image !== images[0])
        expect(fs.existsSync(diskPath(image.formats!.square_webp.url))).toBe(false);
    }
  });

  it('is idempotent: a second run finds everything up to date and touches no file', async () => {
    const files = listUploads();
    const summary = await regenerate().run();
    expect(summary).toMatchObject({
      completed: true,
      resumed: false,
      counts: { generated: 0, upToDate: 6, notImage: 1 },
    });
    expect(listUploads()).toEqual(files);
  });
});

describe('after another settings change', () => {
  it('does not resume a checkpoint made with other settings', async () => {
    const controller = new AbortController();
    app().strapi.config.set('plugin::thumbnails.placeholder', { size: 12 });
    try {
      await regenerate().run({
        batchSize: 3,
        onFile: () => controller.abort(),
        signal: controller.signal,
      });
      expect(await regenerate().checkpoint()).toMatchObject({ done: 3 });
    } finally {
      app().strapi.config.set('plugin::thumbnails.placeholder', { size: 16 });
    }
    const pending = regenerate().run();
    expect(regenerate().isRunning()).toBe(true);
    await expect(regenerate().run()).rejects.toThrow(
      'a thumbnails regenerate run is already in progress'
    );
    const summary = await pending;
    expect(summary).toMatchObject({
      resumed: false,
      done: 7,
      completed: true,
      counts: { generated: 6 },
    });
    expect(regenerate().isRunning()).toBe(false);
  });
});
