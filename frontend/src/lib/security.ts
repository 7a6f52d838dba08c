/**
 * The Content-Security-Policy of every page (proxy.ts sends it, with a new nonce per request). Scripts
 * run only from this site and with the request's nonce (Next puts it on its own inline scripts), so a
 * `<script>` injected through a comment or a title would not run even if escaping failed somewhere.
 */

export interface PolicyOptions {
  /** A fresh random value per request (base64). */
  nonce: string;
  /** Where readers' browsers reach Strapi (`PUBLIC_STRAPI_URL`): the API, media, the admin's Preview. */
  strapiUrl: string;
  /** `next dev` evaluates code (its React refresh and error overlay), which production never does. */
  development?: boolean;
}

/**
 * The policy as one header value. The comments' and views' requests go to Strapi (connect-src), the
 * ALTCHA widget's proof-of-work workers are `blob:` URLs and its styles inline, media may be on
 * Strapi or on a storage provider's https host, and Strapi's admin frames the page for Preview.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const strapi = new URL(options.strapiUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'${options.development ? " 'unsafe-eval'" : ''}`,
    `connect-src 'self' ${strapi}${options.development ? ' ws:' : ''}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https: ${strapi}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors 'self' ${strapi}`,
  ].join('; ');
}
