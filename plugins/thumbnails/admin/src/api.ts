import { getFetchClient } from '@strapi/strapi/admin';
import type { RegenerateJob, ThumbnailSettings } from '../../shared/contracts';

export async function fetchThumbnailSettings(): Promise<ThumbnailSettings> {
  const { data } = await getFetchClient().get<{ data: ThumbnailSettings }>('/thumbnails/settings');
  return data.data;
}

export async function fetchJob(): Promise<RegenerateJob> {
  const { data } = await getFetchClient().get<{ data: RegenerateJob }>('/thumbnails/regenerate');
  return data.data;
}

export async function startJob(): Promise<RegenerateJob> {
  const { data } = await getFetchClient().post<{ data: RegenerateJob }>(
    '/thumbnails/regenerate',
    {}
  );
  return data.data;
}
