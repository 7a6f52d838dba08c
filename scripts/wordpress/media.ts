/**
 * Where an attachment's bytes come from and how body URLs find their attachment. No media travels in a
 * WXR: files are fetched from the live site (or a base URL standing in for it), or read from a local copy
 * of `wp-content/uploads`. The original upload is tried first: the `-scaled` and `-WxH` copies WordPress
 * makes lose the IPTC/XMP rights the thumbnails plugin reads.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentInfo } from './export-index';

const UPLOADS = '/wp-content/uploads/';

/**
 * The key of an uploads URL whatever the size or copy asked for: its path under `wp-content/uploads/`
 * without `-WxH` and `-scaled` (so `2024/01/cover-1024x683.jpg`, `…/cover-scaled.jpg` and
 * `…/cover.jpg` are one key), host and scheme ignored (a site moved from http to https). Null for a URL
 * outside the uploads folder.
 */
export function uploadKey(url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://relative.invalid').pathname);
  } catch {
    return null;
  }
  const at = pathname.indexOf(UPLOADS);
  if (at < 0) return null;
  return pathname
    .slice(at + UPLOADS.length)
    .replace(/-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[a-z0-9]+$)/i, '')
    .replace(/-(?:\d+x\d+)(?=\.[a-z0-9]+$)/i, '')
    .toLowerCase();
}

/** Attachments by their upload key, for body URLs that name no attachment ID. */
export function attachmentsByKey(attachments: Iterable<AttachmentInfo>): Map<string, number> {
  const keys = new Map<string, number>();
  for (const attachment of attachments) {
    for (const url of [attachment.url, attachment.originalUrl]) {
      const key = url ? uploadKey(url) : null;
      if (key && !keys.has(key)) keys.set(key, attachment.id);
    }
  }
  return keys;
}

export type MediaSource =
  | { kind: 'site' }
  | { kind: 'url'; base: string }
  | { kind: 'folder'; dir: string };

/** `--media-from`: an http(s) base URL standing in for the site, or a folder holding `wp-content/uploads`. */
export function parseMediaSource(value: string | undefined): MediaSource {
  if (!value) return { kind: 'site' };
  if (/^https?:\/\//i.test(value)) return { kind: 'url', base: value.replace(/\/+$/, '') };
  return { kind: 'folder', dir: path.resolve(value) };
}

/**
 * Where to read one URL of the old site: the same URL (site), the same path under the base URL, or the
 * file under the folder (which may be the uploads folder itself or a site root containing it).
 */
export function locate(url: string, source: MediaSource): { url: string } | { file: string[] } {
  if (source.kind === 'site') return { url };
  const parsed = new URL(url);
  if (source.kind === 'url') return { url: `${source.base}${parsed.pathname}${parsed.search}` };
  const pathname = decodeURIComponent(parsed.pathname);
  const at = pathname.indexOf(UPLOADS);
  const relative = at >= 0 ? pathname.slice(at + UPLOADS.length) : pathname.replace(/^\/+/, '');
  return {
    file: [
      path.join(source.dir, relative),
      path.join(source.dir, 'wp-content', 'uploads', relative),
      path.join(source.dir, pathname),
    ],
  };
}

/** The URLs to try for an attachment, best first: the original upload, then the exported copy. */
export function candidateUrls(attachment: AttachmentInfo): string[] {
  return [attachment.originalUrl, attachment.url].filter(
    (url, i, all): url is string => Boolean(url) && all.indexOf(url) === i
  );
}

export interface FetchedMedia {
  bytes: Buffer;
  /** the URL (or file) it came from */
  from: string;
  contentType?: string;
  /** the attempts that failed before it, with their reasons */
  failures: string[];
}

export interface FetchOptions {
  timeoutMs: number;
  /** bytes; a larger file is refused */
  maxBytes: number;
}

async function fetchOne(
  target: { url: string } | { file: string[] },
  options: FetchOptions
): Promise<{ bytes: Buffer; from: string; contentType?: string }> {
  if ('file' in target) {
    const reasons: string[] = [];
    for (const file of target.file) {
      try {
        const stat = await fs.stat(file);
        if (stat.size > options.maxBytes) throw new Error(`larger than ${options.maxBytes} bytes`);
        return { bytes: await fs.readFile(file), from: file };
      } catch (error) {
        reasons.push(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'not found'
            : (error as Error).message
        );
      }
    }
    throw new Error(`${path.basename(target.file[0])}: ${[...new Set(reasons)].join(', ')}`);
  }
  const response = await fetch(target.url, {
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'follow',
  }).catch((error: Error) => {
    throw new Error(
      error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : error.message
    );
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > options.maxBytes) {
    await response.body?.cancel();
    throw new Error(`larger than ${options.maxBytes} bytes`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    bytes,
    from: target.url,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}

/** Fetches the first candidate that answers (see candidateUrls); throws with every attempt's reason. */
export async function fetchAttachment(
  attachment: AttachmentInfo,
  source: MediaSource,
  options: FetchOptions
): Promise<FetchedMedia> {
  const failures: string[] = [];
  for (const url of candidateUrls(attachment)) {
    const target = locate(url, source);
    try {
      return { ...(await fetchOne(target, options)), failures };
    } catch (error) {
      failures.push(`${'url' in target ? target.url : url}: ${(error as Error).message}`);
    }
  }
  throw new Error(failures.join('; ') || 'the attachment has no URL');
}

/** SHA-256 of a file's bytes: the same image reached through two attachments is uploaded once. */
export const contentHash = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex');

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  avif: 'image/avif', svg: 'image/svg+xml', tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp',
  mp3: 'audio/mpeg', mp4: 'video/mp4', pdf: 'application/pdf',
}; // prettier-ignore

/** A file's MIME type from its name, else the server's word, else binary. */
export function mimeOf(name: string, contentType?: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return (
    MIME_BY_EXTENSION[extension] ?? contentType?.split(';')[0].trim() ?? 'application/octet-stream'
  );
}
