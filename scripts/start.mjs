#!/usr/bin/env node
// `npm start`: build everything, check the bundled example gateway, then serve it with its
// service-bound Workers (`sag dev`) when that command is available in this build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'service-execution');
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });

const built = run([join(root, 'scripts/build.mjs')]);
if (built.status !== 0) process.exit(built.status ?? 1);

const sag = join(root, 'dist', 'sag.js');
const checked = run([sag, 'check', example]);
if (checked.status !== 0) process.exit(checked.status ?? 1);

const dev = run([sag, 'dev', example, '--port', process.env.PORT ?? '8787']);
process.exit(dev.status ?? 0);
