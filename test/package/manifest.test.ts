// The extension manifest (package.json) against the code: every contributed command is registered when the
// extension activates (client registerCommand, or a server command the language client registers), every setting
// is read by the client or the server, everything has a description, activation stays lazy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sourceFacts, sourceFiles } from './source-facts';

const root = resolve(import.meta.dirname, '../..');

interface Manifest {
  displayName?: string;
  description?: string;
  categories?: string[];
  keywords?: string[];
  icon?: string;
  repository?: { url?: string };
  engines?: { vscode?: string };
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; description?: string } };
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    configuration?: ConfigurationBlock | ConfigurationBlock[];
  };
}
interface ConfigurationBlock {
  properties?: Record<string, { description?: string; markdownDescription?: string }>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const clientFiles = sourceFiles(join(root, 'client/src'));
const client = sourceFacts([...clientFiles, join(root, 'server/src/lsp/protocol.ts')]);
const server = sourceFacts([...sourceFiles(join(root, 'server/src/lsp')), ...sourceFiles(join(root, 'server/src/analysis'))]);
const commands = manifest.contributes?.commands ?? [];
const blocks = manifest.contributes?.configuration;
const settings = Object.entries(Object.assign({}, ...(Array.isArray(blocks) ? blocks : blocks ? [blocks] : []).map((b) => b.properties ?? {})) as Record<string, { description?: string; markdownDescription?: string }>);

test('the manifest describes the extension (name, description, categories, keywords, icon, repository, engine)', () => {
  assert.equal(manifest.displayName, 'Serverless API Gateway Tools');
  assert.ok((manifest.description ?? '').length > 20);
  assert.ok(manifest.categories?.includes('Linters'));
  assert.ok((manifest.keywords ?? []).length >= 3);
  assert.ok(manifest.icon && existsSync(join(root, manifest.icon)), `icon ${manifest.icon}`);
  const png = readFileSync(join(root, manifest.icon!));
  assert.equal(png.readUInt32BE(16), 128, 'icon width');
  assert.equal(png.readUInt32BE(20), 128, 'icon height');
  assert.match(manifest.repository?.url ?? '', /^https:\/\//);
  assert.match(manifest.engines?.vscode ?? '', /^\^1\.(9[1-9]|\d{3,})\./, 'vscode-languageclient 11 needs ^1.91.0');
});

test('activation is lazy: workspaceContains events only, for api-config.json and the wrangler files', () => {
  const events = manifest.activationEvents ?? [];
  const eager = events.filter((e) => !e.startsWith('workspaceContains:'));
  assert.deepEqual(eager, [], 'no `*`, onStartupFinished or language events');
  for (const file of ['api-config.json', 'wrangler.toml', 'wrangler.json', 'wrangler.jsonc']) {
    assert.ok(events.some((e) => e.endsWith(`/${file}`)), `workspaceContains for ${file}`);
  }
});

test('untrusted workspaces are supported in a limited way, with a description', () => {
  assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
  assert.ok((manifest.capabilities?.untrustedWorkspaces?.description ?? '').length > 20);
});

test('the issue\'s commands and settings are contributed', () => {
  const ids = commands.map((c) => c.command);
  for (const id of ['sag.restartServer', 'sag.checkWorkspace']) assert.ok(ids.includes(id), `command ${id} is not contributed`);
  const keys = settings.map(([key]) => key);
  for (const key of ['sag.runtime', 'sag.environments', 'sag.rules', 'sag.trace.server']) assert.ok(keys.includes(key), `setting ${key} is not contributed`);
});

test('every contributed command has a title and is registered at activation', () => {
  assert.ok(clientFiles.length > 0, 'client/src has no sources');
  for (const { command, title } of commands) {
    assert.ok(title && title.length > 3, `${command} has no title`);
    const registered = client.registeredCommands.has(command) || server.serverCommands.has(command);
    assert.ok(registered, `${command} is contributed but no registerCommand(...) in client/src registers it (and it is not a server command)`);
  }
});

/** Commands invoked by code with arguments (a code action, a code lens), not meant for the Command Palette. */
const INTERNAL_COMMANDS = new Set(['sag.addServiceBinding']);

test('every command the client registers is contributed (or internal), so users can find it in the palette', () => {
  const contributed = new Set(commands.map((c) => c.command));
  const hidden = [...client.registeredCommands].filter((id) => !contributed.has(id) && !INTERNAL_COMMANDS.has(id));
  assert.deepEqual(hidden, [], 'registered in client/src but missing from contributes.commands');
});

test('every contributed setting has a description and is read by the client or the server', () => {
  for (const [key, schema] of settings) {
    assert.ok(schema.description || schema.markdownDescription, `${key} has no description`);
    assert.ok(key.startsWith('sag.'), `${key} is outside the sag.* section`);
    const rest = key.slice('sag.'.length);
    // vscode-languageclient itself reads `<client id>.trace.server` for the client created with id `sag`.
    const read =
      (rest === 'trace.server' && client.strings.has('sag')) ||
      client.strings.has(key) ||
      client.strings.has(rest) ||
      server.strings.has(key) ||
      server.strings.has(rest);
    assert.ok(read, `${key} is contributed but neither client/src nor server/src reads \`${rest}\``);
  }
});

test('the source scanner finds registrations through constants (it can fail)', () => {
  const facts = sourceFacts([join(root, 'test/package/fixtures/register-commands.ts')]);
  assert.deepEqual([...facts.registeredCommands].sort(), ['sag.fromConstant', 'sag.fromLiteral', 'sag.fromObject']);
  assert.ok(!facts.registeredCommands.has('sag.onlyMentioned'));
});
