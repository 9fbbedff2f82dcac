/** The webview's handle on VS Code: messages to the host and the state kept while the page is dropped. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page: every module uses this one. */
export const vscodeApi = acquireVsCodeApi();
