import type { Core } from '@strapi/strapi';
import type { EngagementConfig } from './config';
import type { CounterService } from './services/counter';
import type { DedupeStateService } from './services/dedupe-state';
import type { PublishedCacheService } from './services/published-cache';
import type { StatsService } from './services/stats';
import type { TablesService } from './services/tables';

/** The plugin's services by their public names (`strapi.plugin('engagement').service(name)`), typed. */
export interface EngagementServices {
  counter: CounterService;
  'dedupe-state': DedupeStateService;
  'published-cache': PublishedCacheService;
  stats: StatsService;
  tables: TablesService;
}

export const PLUGIN_ID = 'engagement';

/** The plugin's services by name, typed. */
export const getService = <Name extends keyof EngagementServices>(
  strapi: Core.Strapi,
  name: Name
): EngagementServices[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as EngagementServices[Name];

/** The validated plugin config. */
export const getConfig = (strapi: Core.Strapi): EngagementConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as EngagementConfig;
