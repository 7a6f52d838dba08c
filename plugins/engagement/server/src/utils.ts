import type { Core } from '@strapi/strapi';
import type { EngagementConfig } from './config';
import type { CountsService } from './services/counts';
import type { CounterService } from './services/counter';
import type { DocumentsService } from './services/documents';
import type { StatsService } from './services/stats';

/** The plugin's services by their public names (`strapi.plugin('engagement').service(name)`), typed. */
export interface EngagementServices {
  counter: CounterService;
  counts: CountsService;
  documents: DocumentsService;
  stats: StatsService;
}

export const PLUGIN_ID = 'engagement';

/** The plugin's services by name, typed. */
export const getService = <Name extends keyof EngagementServices>(strapi: Core.Strapi, name: Name): EngagementServices[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as EngagementServices[Name];

/** The validated plugin config. */
export const getConfig = (strapi: Core.Strapi): EngagementConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as EngagementConfig;
