import * as vscode from 'vscode';
import { tempFileTarget } from '../../core/annotations/atomic';
import { isSidecarPath } from '../../core/annotations/paths';

/** A temp file younger than this may belong to a write still under way (in this or another window). */
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Deletes the temporary files that interrupted sidecar writes left behind (`.X.txt.annotations.json.<hex>.tmp`).
 * They never replaced a sidecar, so nothing in them is needed; only old ones are touched. Returns how many went.
 */
export async function removeStaleTempFiles(log: vscode.LogOutputChannel, now = Date.now()): Promise<number> {
  const found = await vscode.workspace.findFiles('**/.*.annotations.json.*.tmp', '**/{node_modules,.git}/**');
  let removed = 0;
  for (const uri of found) {
    const target = tempFileTarget(uri.path.slice(uri.path.lastIndexOf('/') + 1));
    if (!target || !isSidecarPath(target)) continue;
    try {
      const { mtime } = await vscode.workspace.fs.stat(uri);
      if (now - mtime < STALE_AFTER_MS) continue;
      await vscode.workspace.fs.delete(uri, { useTrash: false });
      removed++;
    } catch {
      // gone meanwhile
    }
  }
  if (removed > 0) log.info(`removed ${removed} temporary file(s) left by interrupted sidecar writes`);
  return removed;
}
