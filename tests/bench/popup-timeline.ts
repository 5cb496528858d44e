/**
 * One popup open read from a Chromium trace (tests/bench/popup-paint.ts `--traces`): the popup
 * renderer's main-thread events from its navigation start to its list painted, as a timeline of
 * what ran when (HTML parse, each script's compile and run, the read's callback, style, layout,
 * paint, the app's render) and a total per kind. A diagnostic: it says where the milliseconds go
 * before the first painted row and the usable app (parse/compile vs run vs waiting).
 */
import type { TraceEvent } from './tasks';

interface Ev extends TraceEvent {
  cat?: string;
  args?: { name?: string; data?: Record<string, unknown>; [k: string]: unknown };
}

/** Main-thread events worth a line, and the kind each counts under. */
const KINDS: Record<string, string> = {
  ParseHTML: 'parse HTML',
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  EvaluateScript: 'run script',
  'v8.evaluateModule': 'run script',
  FunctionCall: 'callbacks',
  TimerFire: 'callbacks',
  FireAnimationFrame: 'callbacks',
  EventDispatch: 'callbacks',
  RunMicrotasks: 'callbacks',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
};

export interface Timeline {
  /** Lines `at ms  dur ms  what` from the navigation start, nested events indented. */
  lines: string[];
  /** Top-level ms per kind, between the navigation start and the list painted mark. */
  totals: Record<string, number>;
  marks: Record<string, number>;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The last popup navigation in `events` (its renderer's main thread), up to its list painted. */
export function popupTimeline(events: Ev[], endMark = 'crosscheck:list-painted'): Timeline | null {
  const end = events.filter((e) => e.name === endMark).sort((a, b) => b.ts - a.ts)[0];
  if (!end) return null;
  const same = (e: Ev) => e.pid === end.pid && e.tid === end.tid;
  const nav = events
    .filter((e) => same(e) && e.name === 'navigationStart' && e.ts <= end.ts)
    .sort((a, b) => b.ts - a.ts)[0];
  if (!nav) return null;
  const t0 = nav.ts;
  const marks: Record<string, number> = {};
  for (const e of events)
    if (
      same(e) &&
      e.ts >= t0 &&
      e.ts <= end.ts + 1 &&
      (e.cat?.includes('user_timing') ||
        e.cat?.includes('loading') ||
        e.name.startsWith('crosscheck'))
    )
      marks[e.name] ??= round((e.ts - t0) / 1000);
  const ours = events
    .filter((e) => same(e) && e.ph === 'X' && e.ts >= t0 && e.ts <= end.ts && KINDS[e.name])
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const lines: string[] = [];
  const totals: Record<string, number> = {};
  const open: Ev[] = [];
  for (const e of ours) {
    while (open.length && open[open.length - 1]!.ts + (open[open.length - 1]!.dur ?? 0) <= e.ts)
      open.pop();
    const depth = open.length;
    if (depth === 0) totals[KINDS[e.name]!] = (totals[KINDS[e.name]!] ?? 0) + (e.dur ?? 0) / 1000;
    const d = e.args?.data ?? {};
    const what = [d.url, d.functionName, d.type].filter(Boolean).join(' ').replace(/.*\//, '');
    if ((e.dur ?? 0) >= 300 && depth < 3)
      lines.push(
        `${String(round((e.ts - t0) / 1000)).padStart(7)} ${String(round((e.dur ?? 0) / 1000)).padStart(6)}  ${'  '.repeat(depth)}${e.name}${what ? ` ${what}` : ''}`,
      );
    open.push(e);
  }
  for (const k in totals) totals[k] = round(totals[k]!);
  return { lines, totals, marks };
}

/** A node of a V8 CPU profile as the trace's ProfileChunk events carry it. */
export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

/**
 * Self time per function (and per script) of the V8 samples on the popup's thread between `from`
 * and `to` ms after its navigation start (trace category disabled-by-default-v8.cpu_profiler).
 */
export function selfTimes(events: Ev[], from: number, to: number, top = 25): string[] {
  const end = events
    .filter((e) => e.name === 'crosscheck:list-painted')
    .sort((a, b) => b.ts - a.ts)[0];
  if (!end) return [];
  const nav = events
    .filter(
      (e) =>
        e.pid === end.pid && e.tid === end.tid && e.name === 'navigationStart' && e.ts <= end.ts,
    )
    .sort((a, b) => b.ts - a.ts)[0];
  if (!nav) return [];
  const profiles = new Map<string, { start: number; t: number; nodes: Map<number, ProfileNode> }>();
  const self = new Map<string, number>();
  const byUrl = new Map<string, number>();
  for (const e of events.filter((e) => e.pid === end.pid).sort((a, b) => a.ts - b.ts)) {
    const id = (e as unknown as { id?: string }).id ?? '';
    const data = e.args?.data as
      | {
          startTime?: number;
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
          timeDeltas?: number[];
        }
      | undefined;
    if (e.name === 'Profile' && data?.startTime !== undefined) {
      if (e.tid === end.tid)
        profiles.set(id, { start: data.startTime, t: data.startTime, nodes: new Map() });
      continue;
    }
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(id);
    if (!p || !data) continue;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      p.t += deltas[i] ?? 0;
      const at = (p.t - nav.ts) / 1000;
      const dt = (deltas[i + 1] ?? 0) / 1000;
      if (at < from || at > to) continue;
      const n = p.nodes.get(samples[i]!);
      if (!n) continue;
      const f = n.callFrame;
      const url = f.url ?? '';
      const file = url.slice(url.lastIndexOf('/') + 1);
      const key = `${f.functionName || '(anonymous)'} ${file}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      byUrl.set(file || f.functionName, (byUrl.get(file || f.functionName) ?? 0) + dt);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${String(round(v)).padStart(7)}  ${k}`);
  return ['self time by script:', ...fmt(byUrl), 'self time by function:', ...fmt(self)];
}
