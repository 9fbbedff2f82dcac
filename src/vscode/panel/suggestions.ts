/**
 * The Suggestions group of the Annotations panel (issue #17): the followed document's pending suggestions as the
 * panel shows them, and its Accept / Reject / Accept all requests. The panel only listens to the suggestion
 * controller; every accept and reject goes through it (and so through the AnnotationStore).
 */
import type * as vscode from 'vscode';
import type { HostRequest, SuggestionView } from '../../webview/protocol';
import type { PendingSuggestion } from '../suggest/controller';

/** What the panel needs of the suggestion controller (src/vscode/suggest/controller.ts). */
export interface PanelSuggestions {
  readonly onDidChange: vscode.Event<string>;
  list(uri: vscode.Uri): PendingSuggestion[];
  accept(uri: vscode.Uri, id: string): Promise<void>;
  reject(uri: vscode.Uri, id: string): Promise<void>;
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/** The document's pending suggestions, in document order; `text` is the document as the editor holds it. */
export function suggestionViews(suggestions: PanelSuggestions, uri: vscode.Uri, text: string | undefined, lineOf: (offset: number) => number | undefined): SuggestionView[] {
  return suggestions.list(uri).map((s) => {
    const speaker = s.attributes.speaker;
    const line = lineOf(s.start);
    return {
      id: s.id,
      tag: s.tag,
      start: s.start,
      end: s.end,
      exact: clip(text?.slice(s.start, s.end) ?? '', 1_000_000),
      ...(line ? { line } : {}),
      provider: clip(s.provider, 4096),
      ...(typeof speaker === 'string' && speaker ? { speaker: clip(speaker, 4096) } : {}),
    };
  });
}

/** Runs a Suggestions request; `acceptAll` answers how many were accepted. */
export async function runSuggestionRequest(suggestions: PanelSuggestions | undefined, uri: vscode.Uri, request: Extract<HostRequest, { type: 'suggestion' }>): Promise<{ notice: string } | undefined> {
  if (!suggestions) throw new Error('suggestions are not available here');
  if (request.action === 'acceptAll') {
    if (!request.tag) throw new Error('say which kind of suggestion to accept');
    let n = 0;
    for (const s of suggestions.list(uri).filter((x) => x.tag === request.tag)) {
      if (!suggestions.list(uri).some((x) => x.id === s.id)) continue; // accepted with a quote already
      await suggestions.accept(uri, s.id);
      n++;
    }
    if (n === 0) throw new Error(`there is no ${request.tag} suggestion to accept in this document`);
    return { notice: `Accepted ${n} ${request.tag} suggestion${n === 1 ? '' : 's'}.` };
  }
  if (!request.id) throw new Error('say which suggestion');
  if (request.action === 'accept') await suggestions.accept(uri, request.id);
  else await suggestions.reject(uri, request.id);
  return undefined;
}
