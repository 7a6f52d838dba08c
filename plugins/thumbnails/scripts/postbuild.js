#!/usr/bin/env node
/**
 * Runs after `strapi-plugin build` (and after each server rebuild of `strapi-plugin watch`, see the app's
 * scripts/watch-plugins.js): copies the files the built server loads by path rather than imports, which
 * the bundler therefore leaves out. The C2PA reader runs in a worker thread from a plain ESM file
 * (server/src/lib/c2pa/reader-worker.mjs); the bundled server looks for it next to itself. With
 * `--outputs` it prints what it writes (JSON), so the app's build-plugins.js counts a build that lacks
 * them as stale.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const COPIES = [['server/src/lib/c2pa/reader-worker.mjs', 'dist/server/reader-worker.mjs']];

/** Copies every file of COPIES into dist/. */
function run() {
  for (const [from, to] of COPIES) {
    fs.mkdirSync(path.dirname(path.join(ROOT, to)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, from), path.join(ROOT, to));
  }
}

if (process.argv.includes('--outputs'))
  process.stdout.write(JSON.stringify(COPIES.map(([, to]) => to)));
else run();
