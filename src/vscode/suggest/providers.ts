/**
 * Suggestion providers: the built-in heuristics, providers other extensions register through the API
 * (`registerSuggestionProvider`), and a local HTTP endpoint (setting `seedAnnotator.suggest.endpoint`; loopback only
 * unless `seedAnnotator.suggest.allowRemoteEndpoint`). Every answer is validated before anything is shown.
 */
import * as vscode from 'vscode';
import { parse } from '../../core/parse';
import {
  BUILTIN_PROVIDER, builtinSuggestions, checkSuggestions, SUGGEST_PROTOCOL_VERSION, type RejectedLike, type Suggestion, type SuggestRequest,
} from '../../core/suggest';

/** What an extension registers: an id (accepted suggestions get `origin: "suggested:<id>"`) and a function. */
export interface SuggestionProvider {
  /** Letters, digits, `.`, `_`, `-`; not `builtin` or `http`. */
  readonly id: string;
  /** Returns `{ suggestions: [{ id, tag, start, end, attributes?, links? }] }` for the document of `request`. */
  provideSuggestions(request: SuggestRequest, token: vscode.CancellationToken): unknown;
}

export const HTTP_PROVIDER = 'http';

export interface ProviderInput {
  request: SuggestRequest;
  rejected: readonly RejectedLike[];
  within?: { start: number; end: number };
}

export interface ProviderAnswer {
  provider: string;
  suggestions: Suggestion[];
}

/** A provider failed: the message names the provider and says what went wrong. */
export class SuggestionProviderError extends Error {}

export class SuggestionProviders {
  private readonly registered = new Map<string, SuggestionProvider>();

  register(provider: SuggestionProvider): vscode.Disposable {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(provider.id) || provider.id === BUILTIN_PROVIDER || provider.id === HTTP_PROVIDER) {
      throw new Error(`a suggestion provider id must be 1–64 letters, digits, ".", "_" or "-", and not "${BUILTIN_PROVIDER}" or "${HTTP_PROVIDER}": got '${provider.id}'`);
    }
    if (this.registered.has(provider.id)) throw new Error(`a suggestion provider '${provider.id}' is already registered`);
    this.registered.set(provider.id, provider);
    return new vscode.Disposable(() => this.registered.delete(provider.id));
  }

  /** The answers of every enabled provider; the failures, each with its message. */
  async run(input: ProviderInput, tagIds: ReadonlySet<string>): Promise<{ answers: ProviderAnswer[]; errors: string[] }> {
    const config = vscode.workspace.getConfiguration('seedAnnotator.suggest');
    const answers: ProviderAnswer[] = [];
    const errors: string[] = [];
    const { text } = input.request.document;
    if (config.get<boolean>('builtin', true)) {
      const result = builtinSuggestions(text, parse(text), { annotations: input.request.annotations.map((a) => ({ tag: a.tag, target: a })), rejected: input.rejected, within: input.within });
      answers.push({ provider: BUILTIN_PROVIDER, suggestions: result.suggestions.filter((s) => tagIds.has(s.tag)) });
    }
    const external: Array<[string, () => Promise<unknown>]> = [...this.registered.values()].map((p) => [
      p.id,
      async () => p.provideSuggestions(input.request, new vscode.CancellationTokenSource().token),
    ]);
    const endpoint = config.get<string>('endpoint', '').trim();
    if (endpoint) external.push([HTTP_PROVIDER, () => askEndpoint(endpoint, input.request, config.get<number>('timeoutMs', 10_000), config.get<boolean>('allowRemoteEndpoint', false))]);
    for (const [id, ask] of external) {
      try {
        const checked = checkSuggestions(await ask(), text.length, tagIds);
        if (!checked.ok) throw new SuggestionProviderError(`its answer is not valid: ${checked.problems.join('; ')}`);
        answers.push({ provider: id, suggestions: checked.suggestions.filter((s) => inside(s, input.within)) });
      } catch (error) {
        errors.push(`Suggestion provider '${id}'${id === HTTP_PROVIDER ? ` (${endpoint})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { answers, errors };
  }
}

function inside(s: { start: number; end: number }, within?: { start: number; end: number }): boolean {
  return !within || (within.start <= s.start && s.end <= within.end);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** POSTs the request as JSON to `endpoint` and returns the parsed JSON answer; every failure is a clear error. */
export async function askEndpoint(endpoint: string, request: SuggestRequest, timeoutMs: number, allowRemote: boolean): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SuggestionProviderError('seedAnnotator.suggest.endpoint is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SuggestionProviderError('seedAnnotator.suggest.endpoint must be an http(s) URL');
  if (!allowRemote && !LOOPBACK.has(url.hostname)) {
    throw new SuggestionProviderError(`${url.hostname} is not this machine: only a loopback endpoint (127.0.0.1, localhost, [::1]) is used unless seedAnnotator.suggest.allowRemoteEndpoint is on`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request), signal: controller.signal });
    body = await response.text();
  } catch (error) {
    if (controller.signal.aborted) throw new SuggestionProviderError(`no answer within ${(timeoutMs / 1000).toFixed(1)} s (seedAnnotator.suggest.timeoutMs)`);
    throw new SuggestionProviderError(`cannot be reached: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw new SuggestionProviderError(`answered HTTP ${response.status}`);
  try {
    return JSON.parse(body);
  } catch {
    throw new SuggestionProviderError(`answered something that is not JSON (${JSON.stringify(body.slice(0, 40))}…)`);
  }
}

export function requestFor(file: string, text: string, tags: ReadonlyArray<{ id: string; attributes: ReadonlyArray<{ id: string }> }>, annotations: ReadonlyArray<{ tag: string; status?: string; target: { start: number; end: number } }>): SuggestRequest {
  return {
    version: SUGGEST_PROTOCOL_VERSION,
    document: { file, text },
    tags: tags.map((t) => ({ id: t.id, attributes: t.attributes.map((a) => a.id) })),
    annotations: annotations.filter((a) => a.status !== 'orphaned').map((a) => ({ tag: a.tag, start: a.target.start, end: a.target.end })),
  };
}
