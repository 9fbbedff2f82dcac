/**
 * Crash-safe sidecar writes over a small file-system port: write a temporary file in the same
 * folder, then rename it over the target, so the target always holds either the old or the new
 * content, never a mix. A per-path queue keeps writes to one file from interleaving.
 */
import { randomHex } from './hash';
import { baseName, dirPrefix } from './paths';

/**
 * What the core needs from a file system. Paths are whatever the adapter understands (file
 * paths for node, URI strings for `vscode.workspace.fs`), with `/` or `\` before the last segment.
 */
export interface SidecarFs {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates or replaces the file. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Replaces `to` if it exists (atomically where the platform can). */
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
}

const TEMP_PATTERN = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** `dir/X.txt.annotations.json` → `dir/.X.txt.annotations.json.<12 random hex>.tmp`. */
export function tempPathFor(path: string): string {
  return `${dirPrefix(path)}.${baseName(path)}.${randomHex(6)}.tmp`;
}

/** For a file name left behind by an interrupted write, the name of the file it was meant for; else null. */
export function tempFileTarget(fileName: string): string | null {
  const m = TEMP_PATTERN.exec(fileName);
  return m ? m[1]! : null;
}

/**
 * Writes `data` to `path` atomically: temp file in the same folder, then rename over `path`.
 * On failure the temp file is removed (best effort) and the error rethrown; `path` is untouched.
 */
export async function writeFileAtomic(fs: SidecarFs, path: string, data: Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.delete(temp).catch(() => undefined);
    throw error;
  }
}

interface Slot {
  /** The write in progress. */
  running: Promise<void>;
  /** The newest data waiting for the running write to finish, and who waits for it. */
  next?: { data: Uint8Array; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> };
}

/**
 * Serialises atomic writes per path. A write waits for the one in progress on the same path;
 * writes queued meanwhile are coalesced (only the newest data is written, and every caller's
 * promise settles with that write). Different paths are written concurrently.
 */
export class SidecarWriter {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly fs: SidecarFs) {}

  /** Resolves once `data`, or newer data queued for the same path, is on disk. */
  write(path: string, data: Uint8Array): Promise<void> {
    const slot = this.slots.get(path);
    if (!slot) {
      const running = this.run(path, data);
      this.slots.set(path, { running });
      return running;
    }
    return new Promise<void>((resolve, reject) => {
      if (slot.next) {
        slot.next.data = data;
        slot.next.waiters.push({ resolve, reject });
      } else {
        slot.next = { data, waiters: [{ resolve, reject }] };
      }
    });
  }

  private async run(path: string, data: Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(this.fs, path, data);
    } finally {
      queueMicrotask(() => this.advance(path));
    }
  }

  private advance(path: string): void {
    const slot = this.slots.get(path);
    if (!slot) return;
    const next = slot.next;
    if (!next) {
      this.slots.delete(path);
      return;
    }
    slot.next = undefined;
    slot.running = this.run(path, next.data);
    slot.running.then(
      () => next.waiters.forEach((w) => w.resolve()),
      (error: unknown) => next.waiters.forEach((w) => w.reject(error)),
    );
  }

  /** True while a write to `path` (or to any path) is running or queued. */
  busy(path?: string): boolean {
    return path === undefined ? this.slots.size > 0 : this.slots.has(path);
  }

  /** Resolves when every write queued so far has settled (failures included). */
  async flush(): Promise<void> {
    while (this.slots.size > 0) {
      await Promise.allSettled([...this.slots.values()].map((s) => s.running));
      await new Promise<void>((r) => queueMicrotask(r));
    }
  }
}
