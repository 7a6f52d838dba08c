/**
 * Share pages of the networks the plugin knows, as URL templates with {url} and {title} placeholders.
 * `null` marks a network that is only counted (the browser copies the link itself). These templates are
 * the only places the share redirect ever sends anyone: the placeholders are URL-encoded and can only
 * appear after the template's fixed origin, so no request parameter can choose where a visitor lands.
 */
export const BUILT_IN_SHARE_PAGES: Readonly<Record<string, string | null>> = {
  x: 'https://x.com/intent/tweet?url={url}&text={title}',
  facebook: 'https://www.facebook.com/sharer/sharer.php?u={url}',
  linkedin: 'https://www.linkedin.com/sharing/share-offsite/?url={url}',
  reddit: 'https://www.reddit.com/submit?url={url}&title={title}',
  bluesky: 'https://bsky.app/intent/compose?text={title}%20{url}',
  whatsapp: 'https://wa.me/?text={title}%20{url}',
  email: 'mailto:?subject={title}&body={url}',
  'copy-link': null,
};

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the {placeholders} in a template, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/**
 * Checks a URL template: absolute, with an allowed scheme, at least one placeholder, and every
 * placeholder after the fixed origin. Returns an error message, or null when the template is fine.
 */
export function checkUrlTemplate(
  template: unknown,
  schemes: readonly string[] = ['https:', 'http:']
): string | null {
  if (typeof template !== 'string' || template.length === 0) return 'must be a non-empty string';
  const names = placeholders(template);
  if (names.length === 0) return 'must contain at least one {placeholder}';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return 'is not an absolute URL';
  }
  if (!schemes.includes(url.protocol))
    return `must start with ${schemes.map((scheme) => `${scheme}`).join(' or ')}`;
  if (url.protocol !== 'mailto:') {
    const fixedPrefix = `${url.protocol}//${url.host}/`;
    if (!template.startsWith(fixedPrefix) || template.indexOf('{') < fixedPrefix.length) {
      return 'must have a fixed origin ({placeholders} only in the path or query)';
    }
  }
  return null;
}

/**
 * Fills a template with values, each URL-encoded. Returns null when a value is missing (for example a
 * document without a slug), so the caller answers 404 instead of redirecting to a broken URL.
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, unknown>>
): string | null {
  let missing = false;
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : filled;
}
