import { adminAuth } from '../helpers/admin-api';
import { useSharedApp } from '../helpers/strapi';
import { makeImage } from '../helpers/thumbnails-images';
import {
  getFile,
  listUploads,
  removeUploadsSince,
  stripVariants,
  THUMBNAIL_KEYS,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

const app = useSharedApp();
let before: Set<string>;
let superAdmin: { Authorization: string };
let editor: { Authorization: string };

beforeAll(async () => {
  before = listUploads();
  superAdmin = await adminAuth(app());
  editor = await adminAuth(app(), 'strapi-editor');
});
afterAll(() => removeUploadsSince(before));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('shows the presets in effect with their formats keys', async () => {
  const res = await app().http().get('/thumbnails/settings').set(superAdmin);
  expect(res.status).toBe(200);
  const presets = res.body.data.presets as Array<{
    name: string;
    width: number;
    height: number;
    formatKeys: string[];
  }>;
  expect(presets.map((p) => [p.name, p.width, p.height])).toEqual([
    ['card', 640, 360],
    ['square', 400, 400],
    ['og', 1200, 630],
  ]);
  expect(presets.flatMap((p) => p.formatKeys).sort()).toEqual([...THUMBNAIL_KEYS].sort());
});

it('"Regenerate all" runs in the background to completion and brings old files up to date', async () => {
  const files: ApiFile[] = [];
  for (let i = 0; i < 3; i += 1)
    files.push(
      (await uploadFile(app(), await makeImage(800, 600 + i * 10), `admin-${i}.jpg`, 'image/jpeg'))
        .body[0]
    );
  await stripVariants(app(), files[0]);
  expect(Object.keys((await getFile(app(), files[0].id)).formats ?? {})).not.toContain('og_webp');

  const started = await app().http().post('/thumbnails/regenerate').set(superAdmin);
  expect(started.status).toBe(202);
  expect(started.body.data.state).toBe('running');
  // a second click while it runs starts nothing new
  const again = await app().http().post('/thumbnails/regenerate').set(superAdmin);
  expect(again.body.data.startedAt).toBe(started.body.data.startedAt);

  let status = started.body.data;
  for (let i = 0; i < 120 && status.state === 'running'; i += 1) {
    await sleep(250);
    status = (await app().http().get('/thumbnails/regenerate').set(superAdmin)).body.data;
  }
  expect(status.state).toBe('done');
  expect(status.done).toBe(status.total);
  expect(status.counts.generated).toBeGreaterThanOrEqual(1);
  expect(Object.keys((await getFile(app(), files[0].id)).formats ?? {})).toEqual(
    expect.arrayContaining(THUMBNAIL_KEYS)
  );
});

it('answers 401 without a session and 403 to a role without the regenerate permission', async () => {
  expect((await app().http().get('/thumbnails/settings')).status).toBe(401);
  for (const res of await Promise.all([
    app().http().get('/thumbnails/settings').set(editor),
    app().http().get('/thumbnails/regenerate').set(editor),
    app().http().post('/thumbnails/regenerate').set(editor),
  ])) {
    expect(res.status).toBe(403);
  }
});
