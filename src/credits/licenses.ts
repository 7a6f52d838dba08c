import type { License } from '../utils/credit-line';

/** The canonical URL of each license the credit model knows, where it has one (for JSON-LD `license`). */
export const LICENSE_URLS: Partial<Record<License, string>> = {
  cc_by: 'https://creativecommons.org/licenses/by/4.0/',
  cc_by_sa: 'https://creativecommons.org/licenses/by-sa/4.0/',
  cc_by_nc: 'https://creativecommons.org/licenses/by-nc/4.0/',
  cc0: 'https://creativecommons.org/publicdomain/zero/1.0/',
  public_domain: 'https://creativecommons.org/publicdomain/mark/1.0/',
};

/** Creative Commons license codes in URLs and in words ("by-sa", "BY SA") mapped to the credit model. */
const CC_CODES: Record<string, License> = { by: 'cc_by', 'by-sa': 'cc_by_sa', 'by-nc': 'cc_by_nc' };

/**
 * Recognises a license from a URL or a usage-terms text: Creative Commons license and public-domain URLs
 * (any version, http or https, with or without `www.`), and texts such as "CC BY-SA 4.0" or "CC0".
 * CC variants the credit model has no value for (BY-ND, BY-NC-SA, BY-NC-ND) are `other`; anything else is
 * not recognised (undefined).
 */
export function recognizeLicense(value: string | undefined | null): License | undefined {
  if (!value) return undefined;
  const text = value.trim().toLowerCase();
  const url = /creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)/.exec(text);
  if (url) {
    const [, kind, code] = url;
    if (kind === 'publicdomain')
      return code === 'zero' ? 'cc0' : code === 'mark' ? 'public_domain' : undefined;
    return CC_CODES[code] ?? 'other';
  }
  if (/\bcc0\b|\bcc zero\b/.test(text)) return 'cc0';
  if (/\bpublic domain\b/.test(text)) return 'public_domain';
  const words = /\bcc[ -]((?:by)(?:[ -](?:sa|nc|nd))*)\b/.exec(text);
  if (words) return CC_CODES[words[1].replace(/ /g, '-')] ?? 'other';
  return undefined;
}
