import path from 'node:path';
import { readRecords } from '../xml-records';
import { itemDate, parseMysqlDate, readWxr, toRecord, type WxrItem, type WxrRecord } from '../wxr';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'wordpress');

async function all(file: string): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const record of readWxr(path.join(FIXTURES, file))) records.push(record);
  return records;
}
const items = (records: WxrRecord[]) => records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
const byId = (records: WxrRecord[], id: number) =>
  items(records).find((i) => i.id === id) as WxrItem;

describe('readWxr on a WordPress.org 1.2 export', () => {
  let records: WxrRecord[];
  beforeAll(async () => {
    records = await all('site.xml');
  });

  it('reads the site, its author and its terms, children before parents kept as listed', () => {
    const site = Object.fromEntries(
      records.flatMap((r) => (r.kind === 'site-field' ? [[r.field, r.value]] : []))
    );
    expect(site).toMatchObject({
      wxrVersion: '1.2',
      baseSiteUrl: 'http://blog.example.com',
      title: 'Example Blog',
    });
    expect(records.find((r) => r.kind === 'author')).toEqual({
      kind: 'author',
      author: { id: 1, login: 'alice', email: 'alice@example.com', displayName: 'Alice Example' },
    });
    const terms = records.flatMap((r) => (r.kind === 'term' ? [r.term] : []));
    expect(terms.map((t) => [t.taxonomy, t.slug, t.parent])).toEqual([
      ['category', 'sea', 'travel'],
      ['category', 'travel', ''],
      ['post_tag', 'boats', ''],
      ['post_translations', 'pll_65a1', ''],
      ['language', 'en', ''],
      ['language', 'de', ''],
    ]);
  });

  it('reads items with content, excerpt, terms, meta and comments', () => {
    const post = byId(records, 10);
    expect(post).toMatchObject({
      title: 'Harbour at dawn',
      type: 'post',
      status: 'publish',
      name: 'harbour-at-dawn',
      sticky: true,
      creator: 'alice',
      date: '2024-01-15T10:00:00.000Z',
    });
    expect(post.content).toContain('<!-- wp:heading {"level":3} -->');
    // a CDATA section split around "]]>" is joined back
    expect(post.content).toContain('a contains-]]>-marker');
    expect(post.terms).toContainEqual({ domain: 'post_tag', slug: 'boats', name: 'Boats' });
    expect(post.meta.get('_thumbnail_id')).toEqual(['101']);
    expect(post.comments.map((c) => [c.id, c.parent, c.type, c.approved])).toEqual([
      [501, 0, 'comment', '1'],
      [502, 501, 'comment', '1'],
      [503, 0, 'pingback', '1'],
      [504, 0, 'comment', '0'],
    ]);
  });

  it('decodes PHP-serialized meta into plain values', () => {
    const cover = byId(records, 101);
    expect(cover.meta.get('_wp_attachment_metadata')?.[0]).toMatchObject({
      original_image: 'cover.jpg',
      image_meta: { credit: 'Jane Doe', copyright: '© 2023 Example Photo Agency' },
    });
    const translations = records.flatMap((r) =>
      r.kind === 'term' && r.term.taxonomy === 'post_translations' ? [r.term.description] : []
    );
    expect(translations[0]).toMatch(/^a:2:/);
  });

  it('gives never-published drafts no date and keeps the attachment URL and caption', () => {
    expect(byId(records, 14)).toMatchObject({ title: '', status: 'draft', date: null });
    expect(byId(records, 101)).toMatchObject({
      type: 'attachment',
      parent: 10,
      attachmentUrl: 'http://blog.example.com/wp-content/uploads/2024/01/cover-scaled.jpg',
      excerpt: 'Harbour at dawn, Lisbon',
    });
  });
});

it('reads a WordPress.com 1.0 export whose namespace prefix is not wp:', async () => {
  const records = await all('wpcom.xml');
  const post = items(records)[0];
  expect(post).toMatchObject({
    id: 7,
    title: 'Tide tables',
    excerpt: 'Tides, briefly.',
    date: '2012-03-04T12:00:00.000Z',
    name: 'tide-tables',
  });
  expect(post.content).toContain('Low tide at <b>noon</b>.');
  expect(post.meta.get('views')).toEqual(['42']);
  expect(records).toContainEqual({ kind: 'site-field', field: 'wxrVersion', value: '1.0' });
});

it('streams: records come out before the input ends, even when a chunk splits a tag or a character', async () => {
  const xml =
    '<rss xmlns:wp="http://wordpress.org/export/1.1/"><channel><item><title>Één</title><wp:post_id>1</wp:post_id></item>' +
    '<item><title>Two\u000b</title><wp:post_id>2</wp:post_id></item>';
  const bytes = Buffer.from(xml, 'utf8');
  const seen: string[] = [];
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    seen.push('input ended');
    yield Buffer.from('</channel></rss>');
  }
  const stats = { invalidCharacters: 0 };
  for await (const node of readRecords(chunks(), stats)) {
    const record = toRecord(node);
    if (record?.kind === 'item') seen.push(record.item.title);
  }
  expect(seen).toEqual(['Één', 'Two', 'input ended']);
  expect(stats.invalidCharacters).toBe(1);
});

describe('dates', () => {
  it('reads post_date_gmt, then post_date, then pubDate; the zero date is no date', () => {
    expect(parseMysqlDate('0000-00-00 00:00:00')).toBeNull();
    expect(itemDate('0000-00-00 00:00:00', '2020-02-03 04:05:06', '')).toBe(
      '2020-02-03T04:05:06.000Z'
    );
    expect(itemDate('', '', 'Tue, 04 Feb 2020 10:00:00 +0100')).toBe('2020-02-04T09:00:00.000Z');
    expect(
      itemDate('0000-00-00 00:00:00', '0000-00-00 00:00:00', 'Mon, 30 Nov -0001 00:00:00 +0000')
    ).toBeNull();
  });
});
