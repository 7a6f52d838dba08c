/**
 * `npm run bench:engagement-field`: what a response-cache hit pays to attach the live `engagement` field to
 * a stored body, with the plugin's `withEngagement` (spliced into the stored JSON text) ÷ the way it was
 * done before (parse the whole body, set the field, serialize it again), measured side by side in one run
 * on bodies shaped like the app's cached reads: one article by slug, a page of 25 articles with
 * `populate=*`, a page of 100. Prints the time per hit of each and their ratio (target < 1: never slower).
 * Both give the same bytes (checked before timing). BENCH_ROUNDS (default 7) rounds of BENCH_MS (default
 * 300) ms per body and way; the median round is printed.
 */
import { performance } from 'node:perf_hooks';
import { withEngagement } from '../plugins/engagement/server/src/lib/engagement-field';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_MS ?? 300);

const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** An image as the upload plugin returns it, with Strapi's formats and the thumbnails plugin's variants. */
function image(id: number) {
  const format = (key: string, width: number) => ({
    name: `${key}_cover-${id}.webp`,
    hash: `${key}_cover_${id}_3f9a2c1b`,
    ext: '.webp',
    mime: 'image/webp',
    path: null,
    width,
    height: Math.round(width * 0.5625),
    size: width / 10,
    sizeInBytes: width * 100,
    url: `/uploads/${key}_cover_${id}_3f9a2c1b.webp`,
  });
  const keys: Array<[string, number]> = [
    ['thumbnail', 245],
    ['small', 500],
    ['medium', 750],
    ['large', 1000],
    ['card_webp', 800],
    ['card_webp_400', 400],
    ['square_webp', 600],
    ['og_webp', 1200],
    ['og_webp_640', 640],
  ];
  return {
    id,
    documentId: `img${String(id).padStart(21, '0')}`,
    name: `cover-${id}.jpg`,
    alternativeText: 'A newsroom at dusk, lights on over the desks',
    caption: 'Photo: "The evening shift", © 2024 Jane Doe',
    width: 4000,
    height: 2250,
    formats: Object.fromEntries(keys.map(([key, width]) => [key, format(key, width)])),
    url: `/uploads/cover_${id}.jpg`,
    placeholder: `data:image/webp;base64,${'UklGRkIAAABXRUJQVlA4IDYAAADQAQCdASoQAAkAAUAmJaQAA3AA/v'.repeat(2)}`,
    dominantColor: '#40506a',
  };
}

/** A published article as the content API returns it with `populate=*`. */
function article(id: number) {
  const paragraph = (n: number) => ({
    type: 'paragraph',
    children: [
      {
        type: 'text',
        text: `Paragraph ${n} of article ${id}: ${'The council met on Tuesday evening and heard from residents about the plan. '.repeat(3)}`,
      },
    ],
  });
  return {
    id,
    documentId: `art${String(id).padStart(21, '0')}`,
    title: `Article number ${id}: what the council decided`,
    slug: `article-number-${id}-what-the-council-decided`,
    excerpt: 'The council met on Tuesday evening and heard from residents about the plan.',
    body: Array.from({ length: 8 }, (_, n) => paragraph(n)),
    readingTime: 3,
    locale: 'en',
    createdAt: '2026-11-30T10:00:00.000Z',
    updatedAt: '2026-11-30T10:00:00.000Z',
    publishedAt: '2026-11-30T10:00:00.000Z',
    cover: image(id),
    tags: [1, 2, 3].map((tag) => ({
      id: tag,
      documentId: `tag${tag}`,
      name: `Tag ${tag}`,
      slug: `tag-${tag}`,
    })),
    coverCredit: { id, creditLine: 'Image created with DALL·E, © 2023 Lawrence W. Sinclair' },
  };
}

const bodies: Array<[label: string, body: unknown]> = [
  ['one article by slug', { data: article(1), meta: {} }],
  [
    '25 articles, populate=*',
    {
      data: Array.from({ length: 25 }, (_, n) => article(n + 1)),
      meta: { pagination: { page: 1, pageSize: 25, pageCount: 4, total: 100 } },
    },
  ],
  [
    '100 articles, populate=*',
    {
      data: Array.from({ length: 100 }, (_, n) => article(n + 1)),
      meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 100 } },
    },
  ],
];

/** The cache hit before the plugin owned its field: parse the stored text, set the field, serialize. */
function parseAndSerialize(stored: string, figures: ReadonlyMap<string, unknown>): string {
  const body = JSON.parse(stored) as {
    data:
      | Array<{ documentId: string; engagement?: unknown }>
      | { documentId: string; engagement?: unknown };
  };
  for (const entry of Array.isArray(body.data) ? body.data : [body.data]) {
    if (figures.has(entry.documentId)) entry.engagement = figures.get(entry.documentId);
  }
  return JSON.stringify(body);
}

/** Microseconds per call of `run`, over one round of ROUND_MS. */
function timePerCall(run: () => string): number {
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) {
    run();
    calls += 1;
  }
  return ((performance.now() - start) * 1000) / calls;
}

function main(): void {
  out(
    `engagement field on a cached body: splice (withEngagement) vs parse + serialize; median of ${ROUNDS} rounds`
  );
  out('');
  out(
    `${'body'.padEnd(28)}${'size'.padEnd(10)}${'parse+serialize'.padEnd(18)}${'splice'.padEnd(12)}splice ÷ parse (target < 1)`
  );
  for (const [label, body] of bodies) {
    const stored = JSON.stringify(body);
    const data = (body as { data: unknown }).data;
    const ids = (Array.isArray(data) ? data : [data]).map(
      (entry) => (entry as { documentId: string }).documentId
    );
    const figures = new Map(ids.map((id, n) => [id, { views: 1000 + n, shares: n }]));
    if (withEngagement(stored, figures) !== parseAndSerialize(stored, figures))
      throw new Error(`the two ways disagree on "${label}"`);
    const parsed: number[] = [];
    const spliced: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const p = timePerCall(() => parseAndSerialize(stored, figures));
      const s = timePerCall(() => withEngagement(stored, figures));
      parsed.push(p);
      spliced.push(s);
      ratios.push(s / p);
    }
    out(
      `${label.padEnd(28)}${`${(stored.length / 1024).toFixed(0)} KB`.padEnd(10)}${`${median(parsed).toFixed(0)} µs`.padEnd(18)}${`${median(spliced).toFixed(0)} µs`.padEnd(12)}${median(ratios).toFixed(2)}`
    );
  }
}

main();
