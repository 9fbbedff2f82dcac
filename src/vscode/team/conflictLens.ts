/**
 * An annotation a merge kept in two versions (`conflict`) gets a CodeLens per version above it: one click keeps
 * that version (the other is removed, its links move over), through the store.
 */
import * as vscode from 'vscode';
import { conflictPartner } from '../../core/team/conflicts';
import type { Annotation } from '../../core/annotations/schema';
import type { AnnotationStore } from '../annotations/store';

export const KEEP_VERSION_COMMAND = 'seedAnnotator.keepConflictVersion';

export class ConflictLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: AnnotationStore) {}

  watch(): vscode.Disposable {
    return vscode.Disposable.from(this.changed, this.store.onDidChange(() => this.changed.fire()));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const { annotations, state } = await this.store.get(document.uri);
    if (state !== 'ready') return [];
    const lenses: vscode.CodeLens[] = [];
    for (const a of annotations) {
      if (!a.conflict || !conflictPartner(annotations, a)) continue;
      const at = document.positionAt(Math.min(a.target.start, document.getText().length));
      lenses.push(new vscode.CodeLens(new vscode.Range(at, at), {
        title: `$(git-merge) Keep ${describe(a)}`,
        tooltip: 'This annotation was changed differently on two branches; both versions were kept. Keep this one (the other is removed).',
        command: KEEP_VERSION_COMMAND,
        arguments: [document.uri, a.id],
      }));
    }
    return lenses;
  }
}

function describe(a: Annotation): string {
  const values = Object.values(a.attributes).filter((v) => typeof v === 'string' && v !== '');
  const detail = [a.tag, ...values, a.note ? `note “${a.note.length > 24 ? `${a.note.slice(0, 23)}…` : a.note}”` : ''].filter(Boolean).join(', ');
  return `${a.author || 'no name'}'s version (${detail}, ${a.modified.slice(0, 10)})`;
}

export function registerConflictLens(store: AnnotationStore): vscode.Disposable[] {
  const provider = new ConflictLensProvider(store);
  return [
    provider.watch(),
    vscode.languages.registerCodeLensProvider({ language: 'seed-document' }, provider),
    vscode.commands.registerCommand(KEEP_VERSION_COMMAND, async (uri: vscode.Uri, id: string) => {
      try {
        await store.keepConflictVersion(uri, id);
      } catch (error) {
        void vscode.window.showErrorMessage(`Seed Annotator: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  ];
}
