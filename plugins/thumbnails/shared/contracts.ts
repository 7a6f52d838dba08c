/**
 * What the plugin's admin routes answer (`data` of GET /thumbnails/settings and /thumbnails/regenerate),
 * shared by the server that builds the answers and the admin that shows them.
 */

/** One preset in effect, with the `formats` keys its outputs get on an upload file. */
export interface PresetInfo {
  name: string;
  formatKeys: string[];
  width: number;
  height: number;
  fit: string;
  formats: string[];
  quality: Record<string, number>;
}

/** GET /thumbnails/settings */
export interface ThumbnailSettings {
  presets: PresetInfo[];
  config: Record<string, unknown>;
}

/** Files per outcome of a regenerate run. */
export interface RegenerateCounts {
  generated: number;
  upToDate: number;
  /** Image files that got no variants (bad or unsupported input); each one was logged. */
  skipped: number;
  /** Files that are not images at all (PDF, video…). */
  notImage: number;
  failed: number;
}

/** GET and POST /thumbnails/regenerate: the "Regenerate all" run's progress. */
export interface RegenerateJob {
  state: 'idle' | 'running' | 'done' | 'failed' | 'stopped';
  done: number;
  total: number;
  counts: RegenerateCounts;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}
