// workspace/didChangeConfiguration and workspace/didChangeWorkspaceFolders: settings are re-asked and every gateway
// re-checked; added or removed folders are searched for gateways again.
import { DidChangeConfigurationNotification, type DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { guardNotification } from '../handler-guard';
import { SETTINGS_SECTION } from '../protocol';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

export async function registerConfigurationWatch(server: SagServer, dynamicRegistration: boolean): Promise<void> {
  if (!dynamicRegistration) return;
  await server.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
}

export function registerConfiguration(server: SagServer): void {
  server.connection.onDidChangeConfiguration(
    guardNotification(server.log, 'workspace/didChangeConfiguration', async ({ settings }: DidChangeConfigurationParams) => {
      server.settings.changed(settings);
      await server.ready();
      await server.settingsChanged();
    }),
  );
}

/**
 * Called from `initialized`, never from `initialize`: before the initialize result is sent, vscode-languageserver does
 * not yet know the folder notifications are registered statically (changeNotifications) and asks the client to
 * register them, a request the client refuses before it has that result (VS Code logs "Unhandled method
 * client/registerCapability").
 */
export function watchWorkspaceFolders(server: SagServer): void {
  server.connection.workspace.onDidChangeWorkspaceFolders(
    guardNotification(server.log, 'workspace/didChangeWorkspaceFolders', async ({ added, removed }) => {
      const gone = new Set(removed.map((f) => uriToPath(f.uri)));
      const roots = server.registry.getRoots().filter((r) => !gone.has(r));
      for (const folder of added) {
        const path = uriToPath(folder.uri);
        if (path !== undefined) roots.push(path);
      }
      // The folder list changes now, not after the check in progress: two changes queued behind it would both start
      // from the old list, and the second would undo the first. The check then reads the latest list.
      server.registry.setRoots(roots);
      await server.ready();
      await server.checkWorkspace();
    }),
  );
}
