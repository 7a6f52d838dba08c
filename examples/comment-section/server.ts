/**
 * The comment section example's server: Node's http module, pages rendered from the public API through
 * the typed client (examples/frontend-client.ts), the ALTCHA widget served from node_modules and the
 * browser script bundled with esbuild at startup. No framework: a Next.js page would do the same reads
 * in a server component and ship client.ts as its client component.
 *
 *   GET /articles/<slug>[?cursor=…]              the article's title and its comment section
 *   GET /articles/<slug>/replies/<rootId>?cursor=  "more replies" of one thread, as a page of its own
 *   GET /assets/{altcha.js,comment-section.js,comment-section.css}
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import {
  articleBySlug,
  commentThread,
  contentApi,
  threadReplies,
  type ContentApi,
} from '../frontend-client';
import { articlePage, messagePage, repliesPage } from './page';

export interface CommentSectionOptions {
  /** Where this server reaches Strapi, e.g. `http://localhost:1337` (no `/api`). */
  strapiUrl: string;
  /** Where readers' browsers reach Strapi, when it differs (a public host name); default `strapiUrl`. */
  publicStrapiUrl?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningCommentSection {
  /** e.g. `http://127.0.0.1:4321` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

interface Asset {
  type: string;
  body: string | Buffer;
}

/** The widget from node_modules (altcha 3.x, its main bundle: styles and proof-of-work workers inside). */
const altchaBundle = (): Buffer =>
  readFileSync(path.join(path.dirname(require.resolve('altcha')), 'altcha.min.js'));

/** The browser script: client.ts and what it imports (the typed client, openapi-fetch) in one file. */
async function clientBundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'client.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

async function loadAssets(): Promise<Map<string, Asset>> {
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    ['/assets/altcha.js', { type: js, body: altchaBundle() }],
    ['/assets/comment-section.js', { type: js, body: await clientBundle() }],
    [
      '/assets/comment-section.css',
      {
        type: 'text/css; charset=utf-8',
        body: readFileSync(path.join(__dirname, 'comment-section.css')),
      },
    ],
  ]);
}

/**
 * Scripts only from here; fetches to this server and the Strapi API; the widget's workers are blob URLs
 * and its styles inline. An injected `<script>` would not run even if escaping failed somewhere.
 */
const contentSecurityPolicy = (strapiOrigin: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${strapiOrigin}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const CURSOR_MAX = 200;

/** Starts the example's server; `close()` stops it. */
export async function startCommentSection(
  options: CommentSectionOptions
): Promise<RunningCommentSection> {
  const api: ContentApi = contentApi(`${options.strapiUrl.replace(/\/+$/, '')}/api`);
  const publicApiUrl = `${(options.publicStrapiUrl ?? options.strapiUrl).replace(/\/+$/, '')}/api`;
  const assets = await loadAssets();
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(new URL(publicApiUrl).origin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const sendPage = (res: ServerResponse, status: number, body: string) =>
    send(res, status, 'text/html; charset=utf-8', body);

  const cursorOf = (url: URL): string | undefined => {
    const cursor = url.searchParams.get('cursor');
    return cursor && cursor.length <= CURSOR_MAX ? cursor : undefined;
  };

  async function articleRoute(res: ServerResponse, url: URL, slug: string): Promise<void> {
    const article = await articleBySlug(slug, undefined, api);
    if (!article) return sendPage(res, 404, messagePage('Not found', `No article "${slug}".`));
    const title = article.title ?? slug;
    const thread = await commentThread(
      article.documentId,
      { cursor: cursorOf(url), locale: article.locale },
      api
    );
    const base = `/articles/${slug}`;
    sendPage(
      res,
      200,
      articlePage(title, {
        apiUrl: publicApiUrl,
        type: 'article',
        documentId: article.documentId,
        locale: article.locale,
        count: thread.count,
        comments: thread.comments,
        olderHref: thread.nextCursor
          ? `${base}?${new URLSearchParams({ cursor: thread.nextCursor })}#comments`
          : null,
        repliesHref: (rootId, cursor) =>
          `${base}/replies/${rootId}?${new URLSearchParams({ cursor })}`,
      })
    );
  }

  async function repliesRoute(
    res: ServerResponse,
    url: URL,
    slug: string,
    rootId: number
  ): Promise<void> {
    const article = await articleBySlug(slug, undefined, api);
    if (!article) return sendPage(res, 404, messagePage('Not found', `No article "${slug}".`));
    const page = await threadReplies(rootId, cursorOf(url), api);
    const base = `/articles/${slug}`;
    sendPage(
      res,
      200,
      repliesPage({
        apiUrl: publicApiUrl,
        title: article.title ?? slug,
        articleHref: `${base}#comment-${rootId}`,
        replies: page.replies,
        nextHref: page.nextCursor
          ? `${base}/replies/${rootId}?${new URLSearchParams({ cursor: page.nextCursor })}`
          : null,
      })
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://example.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    }
    const asset = assets.get(url.pathname);
    if (asset) return send(res, 200, asset.type, asset.body);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'articles' && parts[1] && SLUG.test(parts[1])) {
      if (parts.length === 2) return articleRoute(res, url, parts[1]);
      if (parts.length === 4 && parts[2] === 'replies' && /^\d{1,15}$/.test(parts[3]))
        return repliesRoute(res, url, parts[1], Number(parts[3]));
    }
    sendPage(
      res,
      404,
      messagePage('Not found', 'Open /articles/<slug> to see an article and its comments.')
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(
        `comment section: ${req.url}: ${error instanceof Error ? error.message : String(error)}\n`
      );
      if (!res.headersSent)
        sendPage(
          res,
          502,
          messagePage('Unavailable', 'The content service did not answer; please try again.')
        );
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
