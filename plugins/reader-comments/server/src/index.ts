import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import routes from './routes';
import services from './services';

export type { ReaderCommentsServices } from './utils';
export { fieldsHash } from './services/challenge';

export default {
  register() {},
  bootstrap,
  destroy,
  config,
  controllers,
  routes,
  services,
  contentTypes,
  policies: {},
  middlewares: {},
};
