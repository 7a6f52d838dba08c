/**
 * PHP-serialized meta values (`_wp_attachment_metadata`, Polylang's translation maps, plugin options),
 * decoded with php-serialize, never evaluated. PHP objects become plain objects (no class is ever
 * instantiated).
 *
 * Why the repair: a `s:N:"…"` length counts bytes. Exports that passed through a charset conversion or a
 * search-and-replace of URLs keep the old lengths, and a strict reader then rejects the whole value;
 * WordPress itself would fail the same way, but the text is intact, so the lengths are recomputed once.
 */
import { unserialize } from 'php-serialize';

const SERIALIZED = /^(?:[aOs]:\d+:|[idb]:[^;]*;|N;)/;

/** Turns PHP arrays with keys 0..n-1 into JS arrays, recursively; other arrays stay objects. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const sequential = entries.length > 0 && entries.every(([key], index) => key === String(index));
    if (sequential) return entries.map(([, v]) => normalize(v));
    return Object.fromEntries(entries.map(([key, v]) => [key, normalize(v)]));
  }
  return value;
}

/** Recomputes every `s:N:"…";` length from the string's UTF-8 bytes. */
export function repairStringLengths(text: string): string {
  return text.replace(/s:\d+:"(.*?)";(?=[}]|[isbdaON]:|$)/gs, (_whole, inner: string) => {
    return `s:${Buffer.byteLength(inner, 'utf8')}:"${inner}";`;
  });
}

function decode(text: string): unknown {
  return normalize(unserialize(text, {}, { strict: false }));
}

/**
 * The value of a meta field: decoded when it is PHP-serialized (with string lengths repaired when the
 * stored ones are wrong), else the text as is. A serialized value that cannot be read even so stays text.
 */
export function maybeUnserialize(text: string): unknown {
  const trimmed = text.trim();
  if (!SERIALIZED.test(trimmed)) return text;
  try {
    return decode(trimmed);
  } catch {
    try {
      return decode(repairStringLengths(trimmed));
    } catch {
      return text;
    }
  }
}
