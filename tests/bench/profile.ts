/**
 * Reading a V8 CPU profile (CDP `Profiler`): the time spent in code from given scripts,
 * everything they call included (DOM calls, regular expressions, the garbage they leave is not:
 * V8 books collection on a node of its own).
 */

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { url: string; functionName: string };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Attributed {
  /** Sampled time whose call stack holds a frame of one of the scripts, in ms. */
  ms: number;
  /** Longest run of consecutive such samples: a lower bound of their longest task, in ms. */
  longestRunMs: number;
  /** The whole profile's length, in ms. */
  windowMs: number;
}

/** A profile's tree read both ways (nodes by id, each node's caller), and a frame's label. */
export function profileTree(profile: CpuProfile) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame as { url: string; functionName: string; lineNumber?: number };
    const file = f.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${(f.lineNumber ?? 0) + 1}` : ''}`;
  };
  return { parent, byId, label };
}

/** Whether a profile node runs our code: its own script's or called from a frame of it. */
export function oursTest(
  profile: CpuProfile,
  ours: (url: string) => boolean,
): (id: number) => boolean {
  const { parent, byId } = profileTree(profile);
  const memo = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const v = !!node && (ours(node.callFrame.url) || (up !== undefined && isOurs(up)));
    memo.set(id, v);
    return v;
  };
  return isOurs;
}

export function attribute(profile: CpuProfile, ours: (url: string) => boolean): Attributed {
  const isOurs = oursTest(profile, ours);
  let us = 0;
  let run = 0;
  let longest = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const dt = timeDeltas[i + 1] ?? 0;
    if (isOurs(samples[i]!)) {
      us += dt;
      run += dt;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return {
    ms: us / 1000,
    longestRunMs: longest / 1000,
    windowMs: (profile.endTime - profile.startTime) / 1000,
  };
}

export interface Hotspot {
  /** Function name, script file and line (V8's callFrame). */
  fn: string;
  ms: number;
}

/**
 * Where the time of `ours` goes, per function: `self` by the leaf frame of each sample (native
 * calls and the DOM show as themselves), `ownCode` by the deepest frame of our own scripts (what
 * of our code asked for it). Top `top` of each, in ms.
 */
export function hotspots(
  profile: CpuProfile,
  ours: (url: string) => boolean,
  top = 15,
): { self: Hotspot[]; ownCode: Hotspot[] } {
  const { parent, byId, label } = profileTree(profile);
  const deepestOurs = new Map<number, number | null>();
  const find = (id: number): number | null => {
    if (deepestOurs.has(id)) return deepestOurs.get(id)!;
    const node = byId.get(id);
    const up = parent.get(id);
    const v = node && ours(node.callFrame.url) ? id : up !== undefined ? find(up) : null;
    deepestOurs.set(id, v);
    return v;
  };
  const self = new Map<string, number>();
  const own = new Map<string, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const o = find(samples[i]!);
    if (o === null) continue;
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = label(samples[i]!);
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const mine = label(o);
    own.set(mine, (own.get(mine) ?? 0) + dt);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 100) / 100 }));
  return { self: rank(self), ownCode: rank(own) };
}
