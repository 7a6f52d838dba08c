#!/usr/bin/env node
/**
 * `npm run seed`: creates the demo content (articles, tags, image credits, cover images).
 * Idempotent: running it twice changes nothing.
 */
'use strict';

const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
const { compileApp } = require('./compile-app.js');

async function main() {
  const appDir = path.join(__dirname, '..');
  const { distDir } = await compileApp(appDir);
  const strapi = await createStrapi({ appDir, distDir }).load();
  try {
    const { seedDemoContent } = require(path.join(distDir, 'src', 'seed'));
    const summary = await seedDemoContent(strapi);
    strapi.log.info(
      `Demo content ready: ${summary.articles} published articles, ${summary.tags} tags, ${summary.credits} image credits (${summary.covers} new covers).`
    );
  } finally {
    await strapi.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`Seeding failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
