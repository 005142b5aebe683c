// workspace/executeCommand (server-side commands) and the custom `sag/checkWorkspace` request behind the client's
// "SAG: Check Workspace".
import { MessageType, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { guardRequest } from '../handler-guard';
import { CheckWorkspaceRequest, SHOW_COMMAND_HINT_COMMAND, type CheckWorkspaceResult } from '../protocol';
import type { SagServer } from '../sag-server';

export const SERVER_COMMANDS = [SHOW_COMMAND_HINT_COMMAND];

export function registerCommands(server: SagServer): void {
  server.connection.onExecuteCommand(
    guardRequest<ExecuteCommandParams, null, null>(
      server.log,
      'workspace/executeCommand',
      ({ command, arguments: args }) => {
        if (command === SHOW_COMMAND_HINT_COMMAND && typeof args?.[0] === 'string') {
          // Never run: the user runs it in a terminal (it may prompt for a secret).
          void server.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `Run this yourself: ${args[0]}` });
        }
        return null;
      },
      null,
    ),
  );

  server.connection.onRequest(
    CheckWorkspaceRequest,
    guardRequest<null, CheckWorkspaceResult, CheckWorkspaceResult>(
      server.log,
      CheckWorkspaceRequest.method,
      async () => {
        await server.ready();
        return server.checkWorkspace();
      },
      { gateways: 0, errors: 0, warnings: 0, problems: 0 },
    ),
  );
}
