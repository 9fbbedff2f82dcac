/**
 * *Set Up Git Merging for Sidecars*: the same as `seed-annotator git-setup` for each open folder in a git
 * repository (`.gitattributes` through the workspace file system, the driver in the repository's git config,
 * run by the bundled CLI). Offered once per workspace when a git folder lacks it; hidden where git cannot run.
 */
import * as vscode from 'vscode';
import { hasMergeAttribute, mergeDriverConfig, MERGE_DRIVER, shellQuote, withMergeAttribute } from '../../core/team/gitSetup';
import { cliRunner, gitAllowed, repositoryRoot, runGit } from './git';

export const SET_UP_GIT_COMMAND = 'seedAnnotator.setUpGitMerging';
export const CAN_RUN_GIT_CONTEXT = 'seedAnnotator.canRunGit';
const OFFERED_KEY = 'seedAnnotator.offeredGitMerging';

interface SetupState {
  root: vscode.Uri;
  attributes: boolean;
  driver: boolean;
}

async function setupState(folder: vscode.Uri): Promise<SetupState | null> {
  const root = await repositoryRoot(folder);
  if (!root) return null;
  const attributes = hasMergeAttribute(await readText(vscode.Uri.joinPath(root, '.gitattributes')));
  const driver = await runGit(root, ['config', '--get', `merge.${MERGE_DRIVER}.driver`]);
  return { root, attributes, driver: driver?.code === 0 && driver.stdout.trim() !== '' };
}

async function setUp(root: vscode.Uri, extensionUri: vscode.Uri): Promise<string[]> {
  const done: string[] = [];
  const file = vscode.Uri.joinPath(root, '.gitattributes');
  const next = withMergeAttribute(await readText(file));
  if (next !== null) {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(next));
    done.push('.gitattributes');
  }
  for (const [key, value] of mergeDriverConfig(cliRunner(extensionUri, shellQuote))) {
    const r = await runGit(root, ['config', '--local', key, value]);
    if (!r || r.code !== 0) throw new Error(`git config ${key} failed in ${root.fsPath}: ${r?.stderr.trim() || 'git could not run'}`);
  }
  done.push('git config');
  return done;
}

export function registerGitMerging(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const updateContext = () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    void vscode.commands.executeCommand('setContext', CAN_RUN_GIT_CONTEXT, folders.some((f) => gitAllowed(f.uri)));
  };
  updateContext();
  const command = vscode.commands.registerCommand(SET_UP_GIT_COMMAND, async () => {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => gitAllowed(f.uri));
    if (folders.length === 0) {
      void vscode.window.showWarningMessage('Seed Annotator: git cannot run here (a trusted local folder is needed); run `seed-annotator git-setup` in a terminal instead.');
      return;
    }
    const reports: string[] = [];
    for (const folder of folders) {
      const state = await setupState(folder.uri);
      if (!state) continue;
      try {
        await setUp(state.root, context.extensionUri);
        reports.push(state.root.fsPath);
      } catch (error) {
        log.error(String(error));
        void vscode.window.showErrorMessage(`Seed Annotator: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (reports.length === 0) void vscode.window.showWarningMessage('Seed Annotator: no open folder is in a git repository.');
    else void vscode.window.showInformationMessage(`Seed Annotator: sidecars in ${reports.join(', ')} now merge by id (commit .gitattributes so every clone does).`);
  });
  void offer(context, log);
  return [command, vscode.workspace.onDidGrantWorkspaceTrust(() => { updateContext(); void offer(context, log); }), vscode.workspace.onDidChangeWorkspaceFolders(updateContext)];
}

/** Once per workspace: a git folder without the driver gets a notification offering the setup. */
async function offer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  if (context.workspaceState.get<boolean>(OFFERED_KEY)) return;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!gitAllowed(folder.uri)) continue;
    const state = await setupState(folder.uri).catch((e) => { log.warn(String(e)); return null; });
    if (!state || (state.attributes && state.driver)) continue;
    await context.workspaceState.update(OFFERED_KEY, true);
    const choice = await vscode.window.showInformationMessage(
      `Seed Annotator: ${folder.name} is a git repository whose annotation sidecars would merge line by line (and conflict). Merge them by annotation instead?`,
      'Set Up Git Merging',
    );
    if (choice) await vscode.commands.executeCommand(SET_UP_GIT_COMMAND);
    return;
  }
}

async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
