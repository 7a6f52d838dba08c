'use strict';

/**
 * Strapi loads a plugin's server entry with plain `require`, and only from a .js file, while the
 * plugin's sources are TypeScript: register esbuild-register (it ships with Strapi) to load them without
 * a build step. Under Jest, ts-jest transforms the sources instead.
 */
if (!process.env.JEST_WORKER_ID) {
  require('esbuild-register/dist/node').register({ target: `node${process.versions.node.split('.')[0]}` });
}

module.exports = require('./server/src').default;
