#!/usr/bin/env node
// Prints an HS256 token for local testing, signed with JWT_SECRET from .dev.vars: `node scripts/dev-token.mjs [subject]`.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const vars = readFileSync(new URL('../.dev.vars', import.meta.url), 'utf8');
const secret = /^JWT_SECRET\s*=\s*"?([^"\n]*)"?/m.exec(vars)?.[1];
if (!secret) throw new Error('JWT_SECRET is not set in .dev.vars');
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: process.argv[2] ?? 'dev-user', iss: '{{name}}', aud: '{{name}}-clients', iat: now, exp: now + 3600 })}`;
console.log(`${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`);
