import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import regenerate from './services/regenerate';
import variants from './services/variants';

export default {
  register,
  bootstrap,
  destroy() {},
  config,
  controllers: {},
  routes: {},
  services: { variants, regenerate },
  contentTypes: {},
  policies: {},
  middlewares: {},
};
