#!/usr/bin/env node
/**
 * Runs after `strapi-plugin build`: copies the files the built server loads by path rather than imports,
 * which the bundler therefore leaves out. The C2PA reader runs in a worker thread from a plain ESM file
 * (server/src/lib/c2pa/reader-worker.mjs); the bundled server looks for it next to itself.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const COPIES = [['server/src/lib/c2pa/reader-worker.mjs', 'dist/server/reader-worker.mjs']];

for (const [from, to] of COPIES) {
  fs.mkdirSync(path.dirname(path.join(ROOT, to)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, from), path.join(ROOT, to));
}
