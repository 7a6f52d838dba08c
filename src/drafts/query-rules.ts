/**
 * Pure rules about what a content-API query string asks for, kept free of Strapi so they are unit tested
 * on their own. The draft guard (./guard.ts) applies them to every request.
 */

/**
 * Query parameters that select drafts or reveal draft state. `status` anything but `published` reads
 * draft rows; `publicationFilter` and the deprecated `hasPublishedVersion` pick documents by their draft
 * state ("modified", "published-with-draft", ...), which tells an outsider that an unpublished change
 * exists; `publicationState` is Strapi 4's name for `status`.
 */
export const DRAFT_QUERY_PARAMS = [
  'status',
  'publicationFilter',
  'hasPublishedVersion',
  'publicationState',
] as const;

/**
 * The first query parameter that asks for drafts or draft state, or null when the query only reads
 * published content. `status=published` (the REST default) is not a draft request; `publicationState=live`
 * (Strapi 4's published) neither.
 */
export function draftQueryParam(query: Record<string, unknown> | undefined): string | null {
  if (!query) return null;
  for (const param of DRAFT_QUERY_PARAMS) {
    const value = query[param];
    if (value === undefined || value === null || value === '') continue;
    if (param === 'status' && value === 'published') continue;
    if (param === 'publicationState' && value === 'live') continue;
    return param;
  }
  return null;
}

const isEnabled = (value: unknown): boolean =>
  value !== false && value !== 'false' && value !== '0' && value !== 0;

/** Depth of the string form: `articles.tags.articles` is 3, `*` is 1, `a,b.c` is 2. */
function stringDepth(populate: string): number {
  return populate
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && isEnabled(part))
    .reduce((max, part) => Math.max(max, part.split('.').length), 0);
}

/** Depth of one populated attribute's value: `true` is 1, `{ populate: ... }` is 1 + the nested depth. */
function attributeDepth(value: unknown): number {
  if (value === null || value === undefined || !isEnabled(value)) return 0;
  if (typeof value !== 'object' || Array.isArray(value)) return 1;
  const options = value as { populate?: unknown; on?: unknown };
  let nested = populateDepth(options.populate);
  // Dynamic zones and morph relations: `on[<component or type>]` holds a populate object per target.
  if (options.on && typeof options.on === 'object') {
    for (const fragment of Object.values(options.on as Record<string, unknown>)) {
      nested = Math.max(
        nested,
        fragment && typeof fragment === 'object'
          ? populateDepth((fragment as { populate?: unknown }).populate)
          : 0
      );
    }
  }
  return 1 + nested;
}

/**
 * How many relation levels a `populate` query parameter asks for, in every form Strapi accepts: `*`,
 * `articles.tags` strings (comma-separated), arrays of those, and `populate[articles][populate][tags]=true`
 * objects (with `on` fragments). `populate=*` is 1; `populate[articles][populate]=*` is 2.
 */
export function populateDepth(populate: unknown): number {
  if (populate === undefined || populate === null) return 0;
  if (typeof populate === 'string') return stringDepth(populate);
  if (typeof populate === 'boolean' || typeof populate === 'number')
    return isEnabled(populate) ? 1 : 0;
  if (Array.isArray(populate))
    return populate.reduce<number>((max, item) => Math.max(max, populateDepth(item)), 0);
  if (typeof populate === 'object') {
    return Object.entries(populate as Record<string, unknown>).reduce<number>(
      (max, [key, value]) => {
        // `populate[0]=a.b` past qs's array limit arrives as an object with numeric keys: a string form each.
        const depth =
          /^\d+$/.test(key) && typeof value === 'string'
            ? stringDepth(value)
            : attributeDepth(value);
        return Math.max(max, depth);
      },
      0
    );
  }
  return 0;
}
