/**
 * The redirect map from the old site's URLs to the new frontend's: each post's permalink, `?p=ID`, its
 * old slugs (`_wp_old_slug`), its extra pages (`/2/`…) and the tag and category archives. Written as CSV
 * (`from,to,status`) and as an nginx `map` to include in a server block.
 */

export interface Redirect {
  from: string;
  to: string;
}

/** `{slug}` and `{locale}` filled into the frontend's article or tag URL pattern. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_whole, key: string) =>
    encodeURIComponent(values[key] ?? '')
  );
}

/** The redirects of one post (its old path, `?p=ID`, old slugs and paginated pages) to `target`. */
export function postRedirects(
  link: string,
  wpId: number,
  oldSlugs: string[],
  currentSlug: string,
  pages: number,
  target: string
): Redirect[] {
  const out: Redirect[] = [];
  const path = link.startsWith('/') ? link : '';
  if (path && path !== target) out.push({ from: path, to: target });
  out.push({ from: `/?p=${wpId}`, to: target });
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  for (const old of oldSlugs) {
    if (!path || !currentSlug) continue;
    const oldPath = withSlash.replace(
      new RegExp(`/${escapeRegExp(currentSlug)}/$`, 'i'),
      `/${old}/`
    );
    if (oldPath !== withSlash) out.push({ from: oldPath, to: target });
  }
  for (let page = 2; path && page <= pages; page += 1)
    out.push({ from: `${withSlash}${page}/`, to: target });
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The archive of a tag or category (`/tag/boats/`, `/category/travel/sea/`) to its tag page. */
export function termRedirect(
  taxonomy: 'tag' | 'category',
  slugPath: string,
  target: string
): Redirect {
  return { from: `/${taxonomy}/${slugPath}/`, to: target };
}

const csvField = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The map as CSV with a header, duplicates (same `from`) kept once. */
export function redirectsCsv(redirects: Redirect[]): string {
  const seen = new Set<string>();
  const lines = ['from,to,status'];
  for (const r of redirects) {
    if (seen.has(r.from)) continue;
    seen.add(r.from);
    lines.push(`${csvField(r.from)},${csvField(r.to)},301`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The map as an nginx `map $request_uri $wordpress_redirect { … }` block; use it with
 * `if ($wordpress_redirect) { return 301 $wordpress_redirect; }`. `?p=ID` entries match the whole URI.
 */
export function redirectsNginxMap(redirects: Redirect[]): string {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const seen = new Set<string>();
  const lines = ['map $request_uri $wordpress_redirect {', '    default "";'];
  for (const r of redirects) {
    if (seen.has(r.from)) continue;
    seen.add(r.from);
    lines.push(`    ${quote(r.from)} ${quote(r.to)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
