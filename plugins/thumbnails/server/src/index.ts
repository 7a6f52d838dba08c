import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import admin from './controllers/admin';
import destroy from './destroy';
import routes from './routes';
import provenance from './services/provenance';
import regenerate from './services/regenerate';
import regenerateJob from './services/regenerate-job';
import uploadGuard from './services/upload-guard';
import variants from './services/variants';

export default {
  register,
  bootstrap,
  destroy,
  config,
  controllers: { admin },
  routes,
  services: {
    variants,
    regenerate,
    'regenerate-job': regenerateJob,
    'upload-guard': uploadGuard,
    provenance,
  },
  contentTypes: {},
  policies: {},
  middlewares: {},
};
