/** Whether the Annotations panel shows the review (curation) of its document instead of the annotation list. */
import * as vscode from 'vscode';

class ReviewMode implements vscode.Disposable {
  private on = false;
  private readonly emitter = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.emitter.event;

  get active(): boolean {
    return this.on;
  }

  set(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.reviewing', on);
    this.emitter.fire(on);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** One per window: the panel and the commands share it. */
export const reviewMode = new ReviewMode();
