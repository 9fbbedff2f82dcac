/** The core's SidecarFs port over node:fs (CLI, tests, benchmarks). */
import { promises as fsp } from 'node:fs';
import type { CasFs } from '../core/annotations/casWrite';
import { lockSidecar } from './sidecarLock';

export interface NodeSidecarFsOptions {
  /** fsync each written file before it is renamed into place (survives power loss, not only crashes). Default true. */
  fsync?: boolean;
}

export function createNodeSidecarFs(options: NodeSidecarFsOptions = {}): CasFs {
  const fsync = options.fsync ?? true;
  return {
    readFile: async (path) => new Uint8Array(await fsp.readFile(path)),
    async readIfExists(path) {
      try {
        return new Uint8Array(await fsp.readFile(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    lock: lockSidecar,
    async writeFile(path, data) {
      const handle = await fsp.open(path, 'w', 0o666);
      try {
        await handle.writeFile(data);
        if (fsync) await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => fsp.rename(from, to),
    delete: (path) => fsp.rm(path, { force: true }),
  };
}

export const nodeSidecarFs: CasFs = createNodeSidecarFs();
