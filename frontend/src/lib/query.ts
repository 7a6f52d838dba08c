/**
 * Query strings as Strapi reads them (qs brackets): `filters[slug][$eq]=ai`, `populate[0]=cover`,
 * `pagination[page]=2`. openapi-fetch's default serializer stops at one level of nesting, and Strapi's
 * filters need more.
 */
export function strapiQuery(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((entry, index) => add(`${key}[${index}]`, entry));
      return;
    }
    if (typeof value === 'object') {
      for (const [name, entry] of Object.entries(value as Record<string, unknown>))
        add(`${key}[${name}]`, entry);
      return;
    }
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  };
  for (const [name, value] of Object.entries(query)) add(name, value);
  return pairs.join('&');
}
