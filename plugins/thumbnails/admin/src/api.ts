import { getFetchClient } from '@strapi/strapi/admin';

export interface PresetInfo {
  name: string;
  formatKeys: string[];
  width: number;
  height: number;
  fit: string;
  formats: string[];
  quality: Record<string, number>;
}

export interface ThumbnailSettings {
  presets: PresetInfo[];
  config: Record<string, unknown>;
}

export interface RegenerateJob {
  state: 'idle' | 'running' | 'done' | 'failed' | 'stopped';
  done: number;
  total: number;
  counts: Record<string, number>;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export async function fetchThumbnailSettings(): Promise<ThumbnailSettings> {
  const { data } = await getFetchClient().get<{ data: ThumbnailSettings }>('/thumbnails/settings');
  return data.data;
}

export async function fetchJob(): Promise<RegenerateJob> {
  const { data } = await getFetchClient().get<{ data: RegenerateJob }>('/thumbnails/regenerate');
  return data.data;
}

export async function startJob(): Promise<RegenerateJob> {
  const { data } = await getFetchClient().post<{ data: RegenerateJob }>('/thumbnails/regenerate', {});
  return data.data;
}
