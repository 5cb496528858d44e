/**
 * CPU time of a Chromium started with an unpacked extension, read from Linux's /proc: the
 * browser process, the storage service's process (IndexedDB's backing store), the extension's
 * renderer process (its service worker, the garbage collector's helpers, its pages) and the
 * service worker's own threads. The kernel counts every tick, where a trace of seconds over every
 * process can lose events or leave a thread started inside it half counted.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU fields (USER_HZ, 100 on Linux everywhere). */
const TICK_MS = 10;

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** utime + stime of a /proc stat line, ms (the fields after the command's closing bracket). */
function statCpuMs(stat: string | null): number {
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const parentOf = (pid: number): number => {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : -1;
};

const pids = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);

// Zygote-forked processes rewrite their title: their arguments are joined by spaces there.
const cmdline = (pid: number) => (read(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/);

/** A Chromium's processes that an extension's work runs in. */
export interface ChromiumProcesses {
  browser: number;
  /** The storage service's utility process (IndexedDB's backing store), where there is one. */
  storage: number | null;
  /** The renderer process that runs the extension's service worker. */
  extension: number;
}

const threadNames = (pid: number) => {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => ({
      tid,
      name: (read(`/proc/${pid}/task/${tid}/comm`) ?? '').trim(),
    }));
  } catch {
    return [];
  }
};

/**
 * The processes of the Chromium that loaded the extension in `dir` (its command line names the
 * directory), found while its service worker runs (null if it does not).
 */
export function chromiumProcesses(dir: string): ChromiumProcesses | null {
  const all = pids();
  const browser = all.find((p) => {
    const args = cmdline(p);
    return args.includes(`--load-extension=${dir}`) && !args.some((a) => a.startsWith('--type='));
  });
  if (browser === undefined) return null;
  const under = (p: number) => {
    for (let q = parentOf(p), hops = 0; q > 1 && hops < 8; q = parentOf(q), hops++)
      if (q === browser) return true;
    return false;
  };
  const children = all.filter(under);
  const storage =
    children.find((p) => cmdline(p).some((a) => a.includes('StorageService'))) ?? null;
  const extension = children.find(
    (p) =>
      cmdline(p).includes('--type=renderer') &&
      threadNames(p).some((t) => t.name.startsWith('ServiceWorker')),
  );
  return extension === undefined ? null : { browser, storage, extension };
}

export interface CpuSnapshot {
  browser: number;
  /** null: no storage service process was found. */
  storage: number | null;
  extension: number;
  /** Each service worker thread's CPU time by thread id (its name starts "ServiceWorker"). */
  workers: Map<string, number>;
}

/** The processes' CPU time so far, ms. */
export function cpuSnapshot(p: ChromiumProcesses): CpuSnapshot {
  const workers = new Map<string, number>();
  for (const { tid, name } of threadNames(p.extension))
    if (name.startsWith('ServiceWorker'))
      workers.set(tid, statCpuMs(read(`/proc/${p.extension}/task/${tid}/stat`)));
  return {
    browser: statCpuMs(read(`/proc/${p.browser}/stat`)),
    storage: p.storage === null ? null : statCpuMs(read(`/proc/${p.storage}/stat`)),
    extension: statCpuMs(read(`/proc/${p.extension}/stat`)),
    workers,
  };
}

/** Whether the process is still running (a stopped worker starts again in its process while
 * the extension has a page open in it). */
export const alive = (pid: number) => read(`/proc/${pid}/stat`) !== null;

/** CPU time in a span, ms, by where it ran. */
export interface Cpu {
  /** The service worker's threads: the background's own code. */
  worker: number;
  /** Its whole process (garbage collection helpers, deserialising, the extension's pages). */
  extensionProcess: number;
  /** The browser process. */
  browserProcess: number;
  /** The storage service's process (IndexedDB's backing store); null: not found. */
  storageProcess: number | null;
}

/**
 * CPU time between two snapshots, ms: the worker's (its threads alive at the end; one that
 * ended between them is in its process's figure only), its process's and the browser's.
 */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): Cpu {
  let worker = 0;
  for (const [tid, ms] of b.workers) worker += ms - (a.workers.get(tid) ?? 0);
  return {
    worker,
    extensionProcess: b.extension - a.extension,
    browserProcess: b.browser - a.browser,
    storageProcess: a.storage === null || b.storage === null ? null : b.storage - a.storage,
  };
}
