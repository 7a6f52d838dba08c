import type { Core } from '@strapi/strapi';
import type { ThumbnailsConfig } from './config';
import type { ProvenanceService } from './services/provenance';
import type { RegenerateService } from './services/regenerate';
import type { RegenerateJobService } from './services/regenerate-job';
import type { UploadGuardService } from './services/upload-guard';
import type { VariantsService } from './services/variants';

export const FILE_UID = 'plugin::upload.file';

interface Services {
  variants: VariantsService;
  regenerate: RegenerateService;
  'regenerate-job': RegenerateJobService;
  'upload-guard': UploadGuardService;
  provenance: ProvenanceService;
}

/** Typed access to this plugin's services. */
export const getService = <Name extends keyof Services>(
  strapi: Core.Strapi,
  name: Name
): Services[Name] => strapi.plugin('thumbnails').service(name) as Services[Name];

/** The plugin's merged, validated config. */
export const getConfig = (strapi: Core.Strapi): ThumbnailsConfig =>
  strapi.config.get('plugin::thumbnails') as ThumbnailsConfig;

export { errorMessage } from './lib/errors';
