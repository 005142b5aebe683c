// textDocument/codeAction: one quick fix per engine Fix of the findings under the cursor (version-checked edits,
// CreateFile for new modules), isPreferred for a finding's single safe fix, and the source action
// "Fix all SAG problems in file" (source.fixAll.sag) applying every safe fix at once.
import { CodeAction, CodeActionKind, type CodeActionParams, type Command } from 'vscode-languageserver/node';
import type { Finding } from '../../analysis/findings';
import { planFixes, runsUnattended } from '../../analysis/fixes/apply-fixes';
import type { GatewayProject } from '../../analysis/model';
import { placeholderLocation, rangesTouch, sameRange, toDiagnostic, toQuickFix, toReplaceFilesEdit, toWorkspaceEdit, type VersionOf } from '../convert';
import { guardRequest } from '../handler-guard';
import { ADD_SERVICE_BINDING_COMMAND, SHOW_COMMAND_HINT_COMMAND, type AddServiceBindingArguments } from '../protocol';
import type { SagServer } from '../sag-server';
import type { Gateway } from '../workspace/gateways';
import { uriToPath } from '../uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sag`;
export const FIX_ALL_TITLE = 'Fix all SAG problems in file';

export function registerCodeActions(server: SagServer): void {
  server.connection.onCodeAction(
    guardRequest<CodeActionParams, (CodeAction | Command)[], (CodeAction | Command)[]>(
      server.log,
      'textDocument/codeAction',
      async (params) => {
        const path = uriToPath(params.textDocument.uri);
        if (path === undefined) return [];
        const only = params.context.only;
        const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
        const actions: CodeAction[] = [];
        if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(server, path, params));
        if (wants(FIX_ALL_KIND)) {
          // Asked at every cursor move (the light bulb): a client that resolves edits gets the action without its
          // edit, planned only when the user picks it; others get it planned now.
          const fixAll = server.options.resolveCodeActionEdits ? await unplannedFixAll(server, path, params.textDocument.uri) : await fixAllAction(server, path);
          if (fixAll) actions.push(fixAll);
        }
        return actions;
      },
      [],
    ),
  );
  const resolveFixAll = async (action: CodeAction): Promise<CodeAction> => {
    const uri = (action.data as FixAllData | undefined)?.fixAllOf;
    const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
    if (path === undefined || action.kind !== FIX_ALL_KIND) return action;
    const planned = await fixAllAction(server, path);
    // Nothing left to fix by now (the file changed since the list): the action resolves to no edit.
    return planned ? { ...action, edit: planned.edit, diagnostics: planned.diagnostics } : action;
  };
  // A failure answers with the action as it came (no edit): the client applies nothing.
  server.connection.onCodeActionResolve((action, token) => guardRequest(server.log, 'codeAction/resolve', resolveFixAll, action)(action, token));
}

/** What an unplanned "Fix all" carries to codeAction/resolve. */
interface FixAllData {
  fixAllOf: string;
}

/** "Fix all" when some finding of the file has a safe fix, without its edit (codeAction/resolve plans it). */
async function unplannedFixAll(server: SagServer, path: string, uri: string): Promise<CodeAction | undefined> {
  await server.freshFor(path);
  const fixable = findingsAt(server, path).some(({ finding }) => finding.fixes.some(runsUnattended));
  if (!fixable) return undefined;
  const action = CodeAction.create(FIX_ALL_TITLE, FIX_ALL_KIND);
  const data: FixAllData = { fixAllOf: uri };
  action.data = data;
  return action;
}

/** Findings come with the gateway that produced them: its versions make the edits safe against newer text. */
function findingsAt(server: SagServer, path: string): { finding: Finding; gateway: Gateway }[] {
  const out: { finding: Finding; gateway: Gateway }[] = [];
  for (const gateway of server.registry.all()) for (const finding of gateway.byFile.get(path) ?? []) out.push({ finding, gateway });
  return out;
}

function analysedVersions(server: SagServer, gateway: Gateway): VersionOf {
  return (file) => (server.documents.get(file) ? gateway.openVersions?.get(file) ?? server.documents.versionOf(file) : null);
}

function quickFixes(server: SagServer, path: string, params: CodeActionParams): CodeAction[] {
  const asked = params.context.diagnostics;
  const actions: CodeAction[] = [];
  for (const { finding, gateway } of findingsAt(server, path)) {
    // Some clients (Neovim 0.7) echo diagnostics without their range: then the request's range decides.
    const matches =
      asked.length > 0
        ? asked.some((d) => d.code === finding.code && (d.range ? sameRange(d.range, finding.range) : rangesTouch(finding.range, params.range)))
        : rangesTouch(finding.range, params.range);
    if (!matches || finding.fixes.length === 0) continue;
    const diagnostic = toDiagnostic(finding, server.documents.uriOf);
    const safeFixes = finding.fixes.filter((f) => f.safe).length;
    for (const fix of finding.fixes) {
      const edit = fix.edits.length > 0 ? toWorkspaceEdit(fix, server.documents.uriOf, analysedVersions(server, gateway)) : undefined;
      const action = toQuickFix(fix, diagnostic, edit, fix.safe && safeFixes === 1);
      // A client that asks for the Worker name gets a command instead of the edit; others apply the guess as is.
      const guess = fix.placeholder?.kind === 'workerName' && server.options.askForWorkerName ? fix.placeholder : undefined;
      const at = guess && edit ? placeholderLocation(fix, edit) : undefined;
      if (guess && edit && at) {
        const args: AddServiceBindingArguments = { title: fix.title, edit, placeholder: guess.text, at, workers: workerNames(gateway.project ?? server.registry.current(gateway)) };
        delete action.edit;
        action.command = { title: fix.title, command: ADD_SERVICE_BINDING_COMMAND, arguments: [args] };
      } else if (fix.command) {
        action.command = { title: fix.command, command: SHOW_COMMAND_HINT_COMMAND, arguments: [fix.command] };
      }
      actions.push(action);
    }
  }
  return actions;
}

function workerNames(project: GatewayProject | undefined): string[] {
  const names = new Set<string>();
  for (const worker of project?.workers ?? []) {
    if (worker.name) names.add(worker.name);
    for (const env of worker.wrangler.environments) if (env.workerName) names.add(env.workerName);
  }
  return [...names].sort();
}

async function fixAllAction(server: SagServer, path: string): Promise<CodeAction | undefined> {
  await server.freshFor(path);
  const findings = findingsAt(server, path).map((f) => f.finding);
  const plan = planFixes(server.host, findings, { safeOnly: true });
  if (plan.applied.length === 0) return undefined;
  const files = new Map<string, { oldText: string; newText: string }>();
  for (const [file, newText] of plan.files) {
    const oldText = server.host.readFile(file);
    if (oldText !== undefined && oldText !== newText) files.set(file, { oldText, newText });
  }
  if (files.size === 0) return undefined;
  const action = CodeAction.create(FIX_ALL_TITLE, FIX_ALL_KIND);
  action.edit = toReplaceFilesEdit(files, server.documents.uriOf, server.documents.versionOf);
  action.diagnostics = plan.applied.map((p) => toDiagnostic(p.finding, server.documents.uriOf));
  return action;
}
