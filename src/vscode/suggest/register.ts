/** Wires suggestions into the extension: providers, the editor controller, the commands, and the API's part. */
import * as vscode from 'vscode';
import type { AnnotationStore } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import type { SeedAnnotatorApi } from '../api';
import type { DocumentIndex } from '../documentIndex';
import { registerSuggestionCommands, SuggestionsController } from './controller';
import { SuggestionProviders } from './providers';

export function registerSuggestions(
  deps: { store: AnnotationStore; tagSets: TagSets; log: vscode.LogOutputChannel; index: DocumentIndex },
  subscriptions: vscode.Disposable[],
): { api: Pick<SeedAnnotatorApi, 'registerSuggestionProvider' | 'suggestions'>; controller: SuggestionsController } {
  const providers = new SuggestionProviders();
  const documents = async () => {
    await deps.index.whenIdle();
    return deps.index.list().map((row) => vscode.Uri.parse(row.uri));
  };
  const controllerDeps = { store: deps.store, tagSets: deps.tagSets, providers, log: deps.log, documents };
  const controller = new SuggestionsController(controllerDeps);
  subscriptions.push(controller, ...registerSuggestionCommands(controller, controllerDeps));
  const api: Pick<SeedAnnotatorApi, 'registerSuggestionProvider' | 'suggestions'> = {
    registerSuggestionProvider: (provider) => providers.register(provider),
    suggestions: (document) => controller.list(document).map((s) => ({ ...s, attributes: { ...s.attributes }, links: s.links.map((l) => ({ ...l })) })),
  };
  return { api, controller };
}
