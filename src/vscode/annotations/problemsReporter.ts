import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import * as vscode from 'vscode';
import { formatProblem, type Problem } from '../../core/annotations/problems';

/**
 * Shows problems of sidecars and tag sets in the Problems panel, at the field they name, and offers to open
 * an unreadable sidecar once per distinct content of problems.
 */
export class ProblemsReporter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('seed-annotator');
  private readonly notified = new Map<string, string>();

  report(uri: vscode.Uri, problems: readonly Problem[], notify = true): void {
    if (problems.length === 0) {
      this.diagnostics.delete(uri);
      this.notified.delete(uri.toString());
      return;
    }
    void this.place(uri, problems).then((list) => this.diagnostics.set(uri, list));
    const summary = problems.map(formatProblem).join('\n');
    if (!notify || this.notified.get(uri.toString()) === summary) return;
    this.notified.set(uri.toString(), summary);
    const first = problems[0]!;
    const message = `Seed Annotator: ${formatProblem(first)}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}. The file is left untouched.`;
    void vscode.window.showErrorMessage(message, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.window.showTextDocument(uri);
    });
  }

  private async place(uri: vscode.Uri, problems: readonly Problem[]): Promise<vscode.Diagnostic[]> {
    let text = '';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // the file is gone; diagnostics still show at its first line
    }
    return problems.map((p) => {
      const range = rangeOf(text, p);
      const severity = p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      const diagnostic = new vscode.Diagnostic(range, p.path ? `${p.path}: ${p.message}` : p.message, severity);
      diagnostic.source = 'Seed Annotator';
      return diagnostic;
    });
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

/** The line:column of a syntax error, else the last key of the field path found in the text, else line 1. */
function rangeOf(text: string, p: Problem): vscode.Range {
  if (p.line !== undefined) {
    const pos = new vscode.Position(p.line - 1, Math.max(0, (p.column ?? 1) - 1));
    return new vscode.Range(pos, pos);
  }
  const offset = locateField(text, p.path);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return new vscode.Range(line, column, line, column + 1);
}

/** The offset of the value at a dotted field path (`annotations.3.target.start`), or of the deepest part that exists. */
function locateField(text: string, path: string): number {
  const tree = parseTree(text);
  if (!tree) return 0;
  const segments: JSONPath = path.split('.').filter((k) => k && k !== '(root)').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(tree, segments.slice(0, n));
    if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return 0;
}
