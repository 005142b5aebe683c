// The extension's output channel ("Serverless API Gateway", a log channel) as code-server writes it under the user
// data dir: read by the activation-time figure and printed when a scenario times out waiting for diagnostics.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The log files of our output channel, newest last (empty before the extension has logged anything). */
export function extensionLogFiles(userDataDir) {
  const files = [];
  // The channel's file is named after it ("1-Serverless API Gateway.log"); the path above the logs folder is not
  // looked at (the e2e temp folder is itself named sag-e2e-*).
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.log') && /sag|serverless/i.test(name)) files.push(path);
    }
  };
  try {
    walk(join(userDataDir, 'logs'));
  } catch {
    return [];
  }
  return files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** The last `lines` lines of our output channel, for a timed-out wait's message. */
export function extensionLogTail(userDataDir, lines = 30) {
  const text = extensionLogFiles(userDataDir).map((file) => readFileSync(file, 'utf8')).join('');
  return `extension log (last ${lines} lines):\n${text.split('\n').slice(-lines - 1).join('\n')}`;
}
