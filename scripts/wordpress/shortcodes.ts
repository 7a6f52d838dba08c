/**
 * WordPress shortcodes in post content, turned into the HTML they stand for so the block conversion can
 * read them: `[caption]` → a figure with its caption, `[gallery]` → one figure per image (the `ids`
 * given, or the post's own attachments when there are none, as WordPress does), `[audio]`, `[video]`,
 * `[embed]` and bare embed URLs on their own line → a link. Unknown shortcodes lose their tags and keep
 * their inner text. Everything that is not kept as it was is listed as a loss.
 */
import type { Loss } from './strapi-blocks';

/** What the conversion needs to know about attachments (from the export's first pass). */
export interface AttachmentLookup {
  /** an attachment by its WordPress ID */
  byId(id: number): { url: string; caption: string; alt: string } | undefined;
  /** the image attachments uploaded to a post, in menu order (what `[gallery]` without ids shows) */
  ofPost(postId: number): number[];
}

export type ShortcodeAttributes = Record<string, string> & { _positional?: string };

/** Parses a shortcode's attributes (`a="1" b='2' c=3 positional`). */
export function parseAttributes(text: string): ShortcodeAttributes {
  const attrs: ShortcodeAttributes = {};
  const pattern =
    /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  const positional: string[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[1]) attrs[m[1].toLowerCase()] = m[2];
    else if (m[3]) attrs[m[3].toLowerCase()] = m[4];
    else if (m[5]) attrs[m[5].toLowerCase()] = m[6];
    else positional.push(m[7] ?? m[8] ?? m[9]);
  }
  if (positional.length > 0) attrs._positional = positional.join(' ');
  return attrs;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const link = (url: string) => `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;

const KNOWN = ['caption', 'wp_caption', 'gallery', 'audio', 'video', 'embed', 'playlist'];

/** Hosts WordPress turns into embeds when their URL stands alone on a line. */
const EMBED_HOSTS =
  /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com|twitter\.com|x\.com|instagram\.com|soundcloud\.com|spotify\.com|open\.spotify\.com|flickr\.com|flic\.kr|tiktok\.com|dailymotion\.com|ted\.com|slideshare\.net|wordpress\.tv|reddit\.com|tumblr\.com|facebook\.com|imgur\.com|issuu\.com|mixcloud\.com|scribd\.com|speakerdeck\.com|videopress\.com|giphy\.com|kickstarter\.com|pinterest\.com|bsky\.app)\//i;

/**
 * A shortcode: `[name attrs]`, `[name attrs /]` or `[name attrs]inner[/name]`; `[[name]]` is an escaped
 * shortcode, printed as `[name]`. Names follow WordPress: letters, digits, `_` and `-`.
 */
const SHORTCODE =
  /\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([\s\S]*?)\[\/\2\])?)(\]?)/g;

export interface ShortcodeContext {
  postId: number;
  attachments: AttachmentLookup;
  losses: Loss[];
}

function figure(id: number | undefined, src: string, alt: string, caption: string): string {
  const idAttr = id ? ` data-wp-attachment="${id}"` : '';
  const cls = id ? ` class="wp-image-${id}"` : '';
  const figcaption = caption ? `<figcaption>${caption}</figcaption>` : '';
  return `<figure${idAttr}><img${cls} src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" />${figcaption}</figure>`;
}

function gallery(attrs: ShortcodeAttributes, context: ShortcodeContext): string {
  const given = (attrs.ids ?? attrs.include ?? '')
    .split(',')
    .map((id) => Number(id.trim()))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  const ids =
    given.length > 0 ? given : context.attachments.ofPost(Number(attrs.id) || context.postId);
  context.losses.push({
    what: `[gallery]${given.length > 0 ? '' : ' without ids'}`,
    fallback: `${ids.length} image block(s) in a row (the gallery's grid layout is not kept)`,
  });
  return ids
    .map((id) => {
      const attachment = context.attachments.byId(id);
      if (!attachment) {
        context.losses.push({
          what: `gallery image ${id}`,
          fallback: 'dropped: the attachment is not in the export',
        });
        return '';
      }
      return figure(id, attachment.url, attachment.alt, escapeHtml(attachment.caption));
    })
    .join('\n');
}

function caption(attrs: ShortcodeAttributes, inner: string): string {
  // the caption is the `caption` attribute (old exports) or the text after the image
  const imageHtml = /<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
  const text = (attrs.caption ?? inner.replace(imageHtml, '')).trim();
  const id = Number(/attachment_(\d+)/.exec(attrs.id ?? '')?.[1]) || undefined;
  const img = /<img\b[^>]*>/i.exec(imageHtml)?.[0] ?? '';
  return `<figure${id ? ` data-wp-attachment="${id}"` : ''}>${img}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}

function media(
  kind: 'audio' | 'video',
  attrs: ShortcodeAttributes,
  context: ShortcodeContext
): string {
  const source =
    attrs.src ??
    attrs.mp3 ??
    attrs.m4a ??
    attrs.ogg ??
    attrs.wav ??
    attrs.mp4 ??
    attrs.webm ??
    attrs.ogv ??
    attrs.m4v ??
    attrs.flv ??
    attrs.wmv;
  context.losses.push({
    what: `[${kind}]`,
    fallback: source ? 'a link to the file (no player)' : 'dropped (no source)',
  });
  return source ? link(source) : '';
}

/**
 * Replaces the shortcodes of `content` with HTML (see the file comment). Unknown shortcodes are handled
 * only when they look like one (a closing tag or attributes with `=`), so "[citation needed]" stays text.
 */
export function expandShortcodes(content: string, context: ShortcodeContext): string {
  const expanded = content.replace(
    SHORTCODE,
    (
      whole,
      open: string,
      name: string,
      rawAttrs: string,
      _selfClosing,
      inner: string | undefined,
      close: string
    ) => {
      if (open === '[' && close === ']') return whole.slice(1, -1);
      const lower = name.toLowerCase();
      const attrs = parseAttributes(rawAttrs);
      switch (lower) {
        case 'caption':
        case 'wp_caption':
          return caption(attrs, expandShortcodes(inner ?? '', context));
        case 'gallery':
          return gallery(attrs, context);
        case 'audio':
        case 'video':
          return media(lower, attrs, context);
        case 'playlist':
          context.losses.push({ what: '[playlist]', fallback: 'dropped' });
          return '';
        case 'embed': {
          const url = (inner ?? attrs.src ?? '').trim();
          context.losses.push({
            what: '[embed]',
            fallback: url ? 'a link to the embedded page' : 'dropped (no URL)',
          });
          return url ? link(url) : '';
        }
        default: {
          const looksLikeShortcode =
            inner !== undefined || /=/.test(rawAttrs) || KNOWN.includes(lower);
          if (!looksLikeShortcode) return whole;
          context.losses.push({
            what: `unknown shortcode [${lower}]`,
            fallback: inner ? 'its tags removed, its content kept' : 'removed',
          });
          return inner ? expandShortcodes(inner, context) : '';
        }
      }
    }
  );
  // WordPress's autoembed: a URL of a known provider alone on its line
  return expanded.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (line, url: string) => {
    if (!EMBED_HOSTS.test(url)) return line;
    context.losses.push({
      what: `embed ${new URL(url).hostname}`,
      fallback: 'a link to the embedded page',
    });
    return link(url);
  });
}
