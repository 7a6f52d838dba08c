import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { imageWithRights } from '../../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { makeImage } from './thumbnails-images';

export const WORDPRESS_FIXTURES = path.join(__dirname, '..', 'fixtures', 'wordpress');
const UPLOADS = '/wp-content/uploads/2024/01/';

/**
 * A copy of `site.xml` of its own for one test: another site host (so its ledger is its own), and slugs,
 * titles and tag names with a unique suffix, so tests sharing an app never meet each other's data.
 */
export async function uniqueExport(
  dir: string,
  fixture = 'site.xml'
): Promise<{ file: string; id: string; host: string }> {
  const id = randomUUID().slice(0, 8);
  const host = `blog-${id}.example.com`;
  let xml = await fs.readFile(path.join(WORDPRESS_FIXTURES, fixture), 'utf8');
  xml = xml
    .replaceAll('blog.example.com', host)
    .replace(
      /<wp:post_name><!\[CDATA\[([^\]]+)\]\]><\/wp:post_name>/g,
      (_w, name: string) => `<wp:post_name><![CDATA[${name}-${id}]]></wp:post_name>`
    )
    .replace(
      /<link>(http:\/\/[^<]+)\/([^/<]+)\/<\/link>/g,
      (_w, base: string, name: string) => `<link>${base}/${name}-${id}/</link>`
    )
    .replace(/<title>([^<]+)<\/title>/g, (_w, title: string) => `<title>${title} ${id}</title>`)
    .replace(
      /(cat_name|tag_name)><!\[CDATA\[([^\]]+)\]\]>/g,
      (_w, tag: string, name: string) => `${tag}><![CDATA[${name} ${id}]]>`
    )
    .replace(
      /(domain="(?:category|post_tag)" nicename="[^"]+"><!\[CDATA\[)([^\]]+)\]\]>/g,
      (_w, head: string, name: string) => `${head}${name} ${id}]]>`
    );
  const file = path.join(dir, `site-${id}.xml`);
  await fs.writeFile(file, xml);
  return { file, id, host };
}

export interface MediaServer {
  url: string;
  /** paths asked for, in order */
  requests: string[];
  close(): Promise<void>;
}

/** The old site's uploads by path: the cover's original (with XMP rights) and its `-scaled` copy (without), an inline PNG, the slow image and a corrupt JPEG. */
export async function mediaFiles(): Promise<Map<string, Buffer>> {
  return new Map<string, Buffer>([
    [
      `${UPLOADS}cover.jpg`,
      await imageWithRights(
        'jpeg',
        { creators: ['Jane Doe'], rights: '© 2023 Example Photo Agency' },
        { width: 640, height: 400 }
      ),
    ],
    [`${UPLOADS}cover-scaled.jpg`, await makeImage(320, 200, 'jpeg', ['#000000', '#ffffff'])],
    [`${UPLOADS}inline.png`, await makeImage(300, 200, 'png')],
    [`${UPLOADS}slow.jpg`, await makeImage(200, 150, 'jpeg', ['#aa0000', '#00aa00'])],
    [
      `${UPLOADS}corrupt.jpg`,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600, 7)]),
    ],
  ]);
}

/**
 * The old site's uploads over HTTP: the cover's original (with XMP rights) and its `-scaled` copy
 * (without), an inline PNG, the slow image (answers after `slowMs`), a corrupt JPEG, and 404 for the rest
 * (the missing image).
 */
export async function startMediaServer(slowMs = 1500): Promise<MediaServer> {
  const files = await mediaFiles();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(pathname);
    const body = files.get(pathname);
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    const send = () =>
      res
        .writeHead(200, {
          'content-type': pathname.endsWith('.png') ? 'image/png' : 'image/jpeg',
          'content-length': body.length,
        })
        .end(body);
    if (pathname.endsWith('slow.jpg')) setTimeout(send, slowMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A temporary folder removed after the file's tests. */
export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}
