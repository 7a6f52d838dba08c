import type { Core } from '@strapi/strapi';
import type { EngagementConfig } from './config';
import type { CountsService } from './services/counts';
import type { CounterService } from './services/counter';
import type { DocumentsService } from './services/documents';
import type { StatsService } from './services/stats';

interface Services {
  counter: CounterService;
  counts: CountsService;
  documents: DocumentsService;
  stats: StatsService;
}

export const PLUGIN_ID = 'engagement';

/** The plugin's services by name, typed. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as Services[Name];

/** The validated plugin config. */
export const getConfig = (strapi: Core.Strapi): EngagementConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as EngagementConfig;
