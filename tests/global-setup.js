'use strict';

/**
 * Builds the workspace plugins when their sources changed (the app loads them from their dist/, as an
 * installed package), then compiles the app (config/ and src/ to dist/) once before any test file runs; each integration test
 * file then boots the compiled app. Compiling per file would have parallel workers overwrite dist/.
 */
module.exports = async function globalSetup(globalConfig) {
  const projects = globalConfig.selectProjects;
  const bootsTheApp = !projects || projects.includes('integration') || projects.includes('e2e');
  if (!bootsTheApp) return;
  require('../scripts/build-plugins.js').buildPlugins();
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: require('node:path').join(__dirname, '..') });
};
