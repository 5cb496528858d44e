/**
 * The extension's tasks on the page's main thread, from a Chromium trace and a V8 CPU profile
 * taken together. A run of consecutive profile samples is not a task: slices that yield with
 * `scheduler.yield()` run back to back when the page has nothing else to do, and their samples
 * join into one run. The trace's `RunTask` events are the tasks; the profile's samples inside each
 * say how much of it was the extension's (its script on the stack: what it runs and the layout
 * it forces). "No task over 50 ms from the extension" is judged on that.
 */
import type { CDPSession } from '@playwright/test';
import { type CpuProfile, oursTest } from './profile';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the platform records it. */
  tdur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'];
/** With `detail`: the rendering steps (style, layout, pre-paint, hit test, paint) as well. */
const DETAIL = ['devtools.timeline'];

/**
 * Traces `work` on `cdp`'s browser (all processes); returns the events, what `work` returned,
 * and whether the browser dropped events (its buffer filled: the trace is then incomplete).
 * `detail` adds the rendering steps, for `inside` (or the given categories as well); `only`
 * traces those categories alone (a long span in fewer events).
 */
export async function traced<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
  detail: boolean | string[] = false,
  only?: string[],
): Promise<{ events: TraceEvent[]; value: T; dataLoss: boolean }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories:
        only ??
        (Array.isArray(detail)
          ? [...CATEGORIES, ...DETAIL, ...detail]
          : detail
            ? [...CATEGORIES, ...DETAIL]
            : CATEGORIES),
      excludedCategories: ['*'],
    },
  });
  const value = await work();
  const done = new Promise<boolean>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve(e.dataLossOccurred === true)),
  );
  await cdp.send('Tracing.end');
  const dataLoss = await done;
  cdp.off('Tracing.dataCollected', onData);
  // Every caller's figures from this trace are then partial: say so where they are printed.
  if (dataLoss) console.warn('(the trace lost events: the browser dropped some; figures partial)');
  return { events, value, dataLoss };
}

export interface ExtensionTask {
  /** Start, ms after the profile's start. */
  atMs: number;
  /** The trace's task: its thread (`pid:tid`) and start (µs on the trace's clock), for `inside`. */
  thread: string;
  ts: number;
  /** The task's whole duration. */
  ms: number;
  /**
   * The task's thread (CPU) time, or null where not recorded. On a loaded machine a task is
   * descheduled for tens of ms: its duration and the profile's samples (wall time) grow, this
   * does not.
   */
  cpuMs: number | null;
  /** Sampled time of the extension's script inside it. */
  oursMs: number;
}

export interface TaskSummary {
  /** Tasks in which the extension ran for 1 ms or more, longest share first. */
  tasks: ExtensionTask[];
  /** The most extension time inside one task (the figure to hold under 50 ms). */
  longestOursMs: number;
  /** The longest task in which the extension's time is the larger part. */
  longestMostlyOursMs: number;
  /** Tasks with over 50 ms of extension time. */
  over50: number;
  /** Every task of the page's main thread over 50 ms, whoever ran it. */
  long: ExtensionTask[];
}

/**
 * Splits the profile's samples of `ours` by the page's main-thread tasks (the renderer main
 * thread holding most of them).
 */
export function extensionTasks(
  events: TraceEvent[],
  profile: CpuProfile,
  ours: (url: string) => boolean,
): TaskSummary {
  const isOurs = oursTest(profile, ours);
  // Our samples: [time, duration] in µs on the trace's clock.
  const mine: Array<[number, number]> = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (isOurs(profile.samples[i]!)) mine.push([t, dt]);
  }
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(e);
  }
  const split = (tasks: TraceEvent[], all = false): ExtensionTask[] => {
    tasks.sort((a, b) => a.ts - b.ts);
    const out: ExtensionTask[] = [];
    let k = 0;
    for (const task of tasks) {
      const end = task.ts + task.dur!;
      while (k < mine.length && mine[k]![0] < task.ts) k++;
      let us = 0;
      // A sample stands for the time until the next one, but never past the task's end.
      for (let j = k; j < mine.length && mine[j]![0] < end; j++)
        us += Math.min(mine[j]![1], end - mine[j]![0]);
      if (all ? task.dur! > 50_000 : us >= 1000)
        out.push({
          atMs: (task.ts - profile.startTime) / 1000,
          thread: `${task.pid}:${task.tid}`,
          ts: task.ts,
          ms: task.dur! / 1000,
          cpuMs: task.tdur === undefined ? null : task.tdur / 1000,
          oursMs: us / 1000,
        });
    }
    return out;
  };
  let best: ExtensionTask[] = [];
  let long: ExtensionTask[] = [];
  let bestOurs = -1;
  for (const tasks of byThread.values()) {
    const split1 = split(tasks);
    const sum = split1.reduce((s, x) => s + x.oursMs, 0);
    if (sum > bestOurs) {
      bestOurs = sum;
      best = split1;
      long = split(tasks, true);
    }
  }
  best.sort((a, b) => b.oursMs - a.oursMs);
  return {
    tasks: best,
    longestOursMs: best[0]?.oursMs ?? 0,
    longestMostlyOursMs: Math.max(0, ...best.filter((x) => x.oursMs * 2 > x.ms).map((x) => x.ms)),
    over50: best.filter((x) => x.oursMs > 50).length,
    long,
  };
}

/**
 * What the browser did inside one task, from a `detail` trace: time per rendering step (style,
 * layout, pre-paint, hit test...), counted once however deeply nested, with how many of each.
 * Says whether a slow DOM call was the call itself or the lifecycle it forced.
 */
export function inside(events: TraceEvent[], task: ExtensionTask): Array<[string, number, number]> {
  const end = task.ts + task.ms * 1000;
  const list = byThread(events).get(task.thread) ?? [];
  const spans = new Map<string, Array<[number, number]>>();
  const open = new Map<string, number[]>();
  const add = (name: string, from: number, to: number) => {
    if (!spans.has(name)) spans.set(name, []);
    spans.get(name)!.push([from, to]);
  };
  // The first event at or after the task's start (the list is sorted by time).
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.ts < task.ts) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i]!.ts < end; i++) {
    const e = list[i]!;
    if (e.name === 'RunTask') continue;
    if (e.ph === 'X' && e.dur) add(e.name, e.ts, e.ts + e.dur);
    else if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), e.ts]);
    else if (e.ph === 'E') {
      const from = open.get(e.name)?.pop();
      if (from !== undefined) add(e.name, from, e.ts);
    }
  }
  const rows: Array<[string, number, number]> = [];
  for (const [name, list] of spans) {
    // Nested spans of one name (a layout inside a layout) count once.
    let us = 0;
    let reach = -Infinity;
    for (const [from, to] of list.sort((a, b) => a[0] - b[0])) {
      if (to <= reach) continue;
      us += to - Math.max(from, reach);
      reach = to;
    }
    rows.push([name, us / 1000, list.length]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}

const threads = new WeakMap<TraceEvent[], Map<string, TraceEvent[]>>();
/** The events of each thread (`pid:tid`), sorted by time; computed once per trace. */
function byThread(events: TraceEvent[]): Map<string, TraceEvent[]> {
  let out = threads.get(events);
  if (out) return out;
  out = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(e);
  }
  for (const list of out.values()) list.sort((a, b) => a.ts - b.ts);
  threads.set(events, out);
  return out;
}
