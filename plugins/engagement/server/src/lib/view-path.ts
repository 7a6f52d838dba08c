/**
 * Recognises the public view route, `POST <prefix>/engagement/:type/:documentId/view`, from a request
 * path. Returns the decoded parameters, or null for any other path (or one that does not decode).
 */
export function matchViewPath(
  path: string,
  prefix = '/api'
): { type: string; documentId: string } | null {
  const base = `${prefix.replace(/\/+$/, '')}/engagement/`;
  if (!path.startsWith(base)) return null;
  const parts = path.slice(base.length).replace(/\/$/, '').split('/');
  if (parts.length !== 3 || parts[2] !== 'view' || !parts[0] || !parts[1]) return null;
  try {
    return { type: decodeURIComponent(parts[0]), documentId: decodeURIComponent(parts[1]) };
  } catch {
    return null;
  }
}
