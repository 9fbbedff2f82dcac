/**
 * The writers' lock of a sidecar: `<sidecar>.lock`, created exclusively (O_EXCL), holding the holder's pid
 * and start time. A lock whose holder is gone (no such process on this machine) or that is older than
 * LOCK_STALE_MS is stale and taken over. Waiting is bounded: after LOCK_WAIT_MS the write fails, naming the lock.
 */
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import { processAlive } from './processAlive';

export const LOCK_SUFFIX = '.lock';
/** A lock older than this is left over from a killed run (a sidecar write takes milliseconds). */
export const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 120_000;

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

function holderAlive(content: string): boolean {
  const [pidText, host] = content.split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (host !== undefined && host !== hostname()) return true; // another machine (network folder): trust the age only
  return processAlive(pid);
}

/** Removes `lock` when it is stale; true when it was (or is already gone). */
async function clearIfStale(lock: string): Promise<boolean> {
  let content: string;
  let age: number;
  try {
    const [text, stat] = await Promise.all([fsp.readFile(lock, 'utf8'), fsp.stat(lock)]);
    content = text;
    age = Date.now() - stat.mtimeMs;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  // An empty file is a lock being written right now, unless it is old.
  if ((content === '' && age < 2_000) || (content !== '' && holderAlive(content) && age < LOCK_STALE_MS)) return false;
  await fsp.rm(lock, { force: true });
  return true;
}

/** Takes the lock of `path`; resolves to its release. */
export async function lockSidecar(path: string): Promise<() => Promise<void>> {
  const lock = path + LOCK_SUFFIX;
  const start = Date.now();
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      const handle = await fsp.open(lock, 'wx');
      try {
        await handle.writeFile(`${process.pid} ${hostname()} ${new Date().toISOString()}\n`);
      } finally {
        await handle.close();
      }
      return async () => {
        await fsp.rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await clearIfStale(lock)) continue;
    if (Date.now() - start > LOCK_WAIT_MS) throw new LockTimeoutError(`${lock}: another writer has held this lock for over ${LOCK_WAIT_MS / 1000} s; not written (remove the file if no seed-annotator is running)`);
    await new Promise((r) => setTimeout(r, wait + Math.random() * wait));
  }
}
