import type { Core } from '@strapi/strapi';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    void strapi;
  },
  bootstrap() {},
  destroy() {},
  config: { default: {}, validator() {} },
  controllers: {},
  routes: {},
  services: {},
  contentTypes: {},
  policies: {},
  middlewares: {},
};
