/**
 * HTML that cannot be an XSS hole by accident: every value put into the `html` template is escaped,
 * except what is already `SafeHtml` (made by this template, or the comment HTML the server made inert).
 */

/** Markup known to be safe: produced by {@link html}, or the plugin's inert comment HTML. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text as HTML text or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

/**
 * Tagged template: `html\`<h1>${title}</h1>\`` escapes `title`; nested `html` results, arrays of them
 * and `SafeHtml` pass through; `null`, `undefined` and `false` render nothing. Attribute values must be
 * quoted in the template.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/**
 * A comment's `html` as the plugin returns it: escaped text, `<br>` and `rel="ugc nofollow"` links. The
 * plugin's README says to render it as it is; this is the one place the page trusts markup from outside.
 */
export const commentHtml = (inertHtml: string): SafeHtml => new SafeHtml(inertHtml);
