/**
 * The `engagement` field of REST responses, owned here: whoever attaches it (this plugin's response
 * decorator, or an app's response cache serving a stored body) calls {@link withEngagement}, so the
 * field's place and shape are decided once. Pure: no Strapi in sight.
 */

/** Live figures by documentId, as `stats.summaries` returns them. */
export type EngagementFigures = ReadonlyMap<string, unknown>;

interface Entry {
  documentId?: unknown;
  engagement?: unknown;
}

/** The top-level entries of a content-API body (`data` as one entry or a list). */
const entriesOf = (body: unknown): unknown[] => {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  return Array.isArray(data) ? data : data ? [data] : [];
};

/** Top-level `documentId`s of a content-API body (`data` as one entry or a list), in order; those get live figures. */
export function topLevelDocumentIds(body: unknown): string[] {
  return entriesOf(body).flatMap((entry) =>
    typeof (entry as Entry | null)?.documentId === 'string'
      ? [(entry as { documentId: string }).documentId]
      : []
  );
}

/** Sets `engagement` on each top-level entry of a body object that has figures; returns the same object. */
function decorateObject<Body extends object>(body: Body, figures: EngagementFigures): Body {
  for (const entry of entriesOf(body) as Array<Entry | null>) {
    if (typeof entry?.documentId === 'string' && figures.has(entry.documentId))
      entry.engagement = figures.get(entry.documentId);
  }
  return body;
}

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COLON = 0x3a; // :
const COMMA = 0x2c; // ,
/** How every body the fast path accepts starts (`JSON.stringify` of a content-API body). */
const DATA_PREFIX = '{"data":';

/** Index of the quote closing the JSON string whose opening quote is at `start`. */
function stringEnd(json: string, start: number): number {
  let end = json.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (json.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = json.indexOf('"', end + 1);
  }
  return -1;
}

/**
 * Inserts `engagement` into the entries of compact JSON text (as `JSON.stringify` writes it) without
 * parsing it: scans each top-level entry for its `documentId` and its closing brace, and inserts the field
 * there, so the text matches what parsing, setting and serializing would give. Returns null when the text
 * is not of that form (another first key, an entry that already has `engagement`, malformed text); the
 * caller then parses.
 */
function spliceText(json: string, figures: EngagementFigures): string | null {
  if (!json.startsWith(DATA_PREFIX)) return null;
  let position = DATA_PREFIX.length;
  const first = json.charCodeAt(position);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT)
    return json.startsWith('null', position) ? json : null;
  const list = first === OPEN_ARRAY;
  if (list) position += 1;
  const parts: string[] = [];
  let copied = 0;
  while (json.charCodeAt(position) === OPEN_OBJECT) {
    // One entry, from its `{` to the matching `}`: keys at depth 1 are the entry's own.
    let depth = 0;
    let documentId: string | undefined;
    let end = -1;
    // Outside strings compact JSON holds only punctuation, numbers and literals: step over them one by
    // one, and over each string at once (indexOf runs natively).
    for (let at = position; at < json.length; at += 1) {
      const code = json.charCodeAt(at);
      if (code === QUOTE) {
        const close = stringEnd(json, at);
        if (close === -1) return null;
        const start = at;
        at = close;
        if (depth !== 1 || json.charCodeAt(close + 1) !== COLON) continue;
        // A key of the entry itself.
        const key = json.slice(start + 1, close);
        if (key === 'engagement') return null;
        if (key === 'documentId' && json.charCodeAt(close + 2) === QUOTE) {
          const valueEnd = stringEnd(json, close + 2);
          if (valueEnd === -1) return null;
          const raw = json.slice(close + 3, valueEnd);
          documentId = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          at = valueEnd;
        }
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        depth += 1;
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        depth -= 1;
        if (depth === 0) {
          if (code !== CLOSE_OBJECT) return null;
          end = at;
          break;
        }
      }
    }
    if (end === -1) return null;
    const value =
      documentId !== undefined && figures.has(documentId) ? figures.get(documentId) : undefined;
    if (value !== undefined) {
      const empty = end === position + 1;
      parts.push(
        json.slice(copied, end),
        `${empty ? '' : ','}"engagement":${JSON.stringify(value)}`
      );
      copied = end;
    }
    position = end + 1;
    if (!list) break;
    if (json.charCodeAt(position) !== COMMA) break;
    position += 1;
  }
  if (list && json.charCodeAt(position) !== CLOSE_ARRAY) return null;
  if (copied === 0) return json;
  parts.push(json.slice(copied));
  return parts.join('');
}

/**
 * A content-API body with `engagement` set on each top-level entry (`data` as one entry or a list) whose
 * `documentId` has figures; entries without figures are left as they are.
 *
 * - An object (a response about to be sent) is changed in place and returned.
 * - A string (a response cache's stored JSON) is left unchanged and the JSON to send is returned. Text as
 *   `JSON.stringify` writes it gets the field spliced in without being parsed (the same bytes parsing
 *   and serializing would give, in a third to two thirds of the time: `npm run bench:engagement-field`); other text is parsed.
 */
export function withEngagement(body: string, figures: EngagementFigures): string;
export function withEngagement<Body extends object>(body: Body, figures: EngagementFigures): Body;
export function withEngagement(body: object | string, figures: EngagementFigures): object | string {
  if (typeof body !== 'string') return decorateObject(body, figures);
  return (
    spliceText(body, figures) ?? JSON.stringify(decorateObject(JSON.parse(body) as object, figures))
  );
}
