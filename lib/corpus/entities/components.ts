/**
 * Name groups split into components that the union passes (grouping.ts) cannot join or weigh
 * across, kept between builds: a change re-resolves only the components it touches.
 *
 * Two names are in one component when a pass may read one while deciding about the other. That
 * is said by hubs (a name's word, initials, surname, country, a key it refers to...) and by
 * explicit edges (pairs a pass compares one by one: near misses, cognates, abbreviations).
 * A hub links its holders when it is active: an anchored hub when it has an anchor (initials
 * link the names bearing them only once some initialism is written), a capped hub while it has
 * at most `cap` holders (a word shared by more names is no evidence, so the pass skips it). A
 * hub whose activity changes marks all its holders dirty: their answers may change although
 * none of them did.
 */

export interface Hub {
  key: string;
  /** An anchor activates an anchored hub; capped hubs ignore it. */
  anchor: boolean;
  capped: boolean;
  /**
   * An anchored hub with more members than this links none (the pass needs exactly one: an
   * initialism that several names share names none of them). Capped hubs use `cap`.
   */
  most?: number;
}

/** A hub's holders (a set made when the first of its kind comes: most hubs have one kind). */
interface Holders {
  anchors: Set<string> | null;
  members: Set<string> | null;
  capped: boolean;
  most: number;
}

const NO_HOLDERS: ReadonlySet<string> = new Set();
const count = (s: ReadonlySet<string> | null) => (s ? s.size : 0);

/** One component's keys and what the passes made of them. */
export interface Component<R> {
  keys: readonly string[];
  result: R;
}

const NO_HUBS: readonly Hub[] = [];

export class ComponentIndex<R> {
  private readonly hubs = new Map<string, Holders>();
  private readonly hubsOf = new Map<string, readonly Hub[]>();
  private readonly edges = new Map<string, Set<string>>();
  private readonly compOf = new Map<string, Component<R>>();
  /** Components re-resolved by the last resolve, and the keys they held. */
  redone = 0;
  regrouped = 0;

  constructor(private readonly cap: number) {}

  /** How many names hold a hub now. */
  size(hub: string): number {
    const h = this.hubs.get(hub);
    return h ? count(h.anchors) + count(h.members) : 0;
  }

  /** How many names hold a hub now as members (not anchors). */
  members(hub: string): number {
    const h = this.hubs.get(hub);
    return h ? count(h.members) : 0;
  }

  /** Replaces a key's hubs (null: the key left); holders of hubs whose activity changed go to `dirty`. */
  setHubs(k: string, hubs: readonly Hub[] | null, dirty: Set<string>): void {
    const old = this.hubsOf.get(k) ?? NO_HUBS;
    const next = hubs ?? NO_HUBS;
    if (old.length === next.length && old.every((h, i) => sameHub(h, next[i]!))) return;
    const touched = new Map<string, boolean>();
    const touch = (key: string) => {
      if (!touched.has(key)) touched.set(key, this.active(key));
    };
    for (const h of old) {
      touch(h.key);
      const holders = this.hubs.get(h.key)!;
      holders.anchors?.delete(k);
      holders.members?.delete(k);
    }
    for (const h of next) {
      touch(h.key);
      let holders = this.hubs.get(h.key);
      if (!holders) {
        holders = {
          anchors: null,
          members: null,
          capped: h.capped,
          most: h.most ?? Number.POSITIVE_INFINITY,
        };
        this.hubs.set(h.key, holders);
      }
      if (h.anchor || h.capped) (holders.anchors ??= new Set()).add(k);
      else (holders.members ??= new Set()).add(k);
    }
    if (hubs) this.hubsOf.set(k, hubs);
    else this.hubsOf.delete(k);
    for (const [key, was] of touched) {
      const holders = this.hubs.get(key)!;
      if (this.active(key) !== was) {
        for (const j of holders.anchors ?? NO_HOLDERS) dirty.add(j);
        for (const j of holders.members ?? NO_HOLDERS) dirty.add(j);
      }
      if (count(holders.anchors) + count(holders.members) === 0) this.hubs.delete(key);
    }
  }

  /** Replaces a key's explicit edges (both ways). */
  setEdges(k: string, neighbours: Iterable<string>): void {
    for (const j of this.edges.get(k) ?? []) this.edges.get(j)?.delete(k);
    this.edges.delete(k);
    this.addEdges(k, neighbours);
  }

  /** Adds explicit edges of a key (both ways). */
  addEdges(k: string, neighbours: Iterable<string>): void {
    for (const j of neighbours) {
      if (j === k) continue;
      let mine = this.edges.get(k);
      if (!mine) this.edges.set(k, (mine = new Set()));
      mine.add(j);
      let theirs = this.edges.get(j);
      if (!theirs) this.edges.set(j, (theirs = new Set()));
      theirs.add(k);
    }
  }

  /**
   * Re-resolves the components of the `dirty` keys (present now or not) and of whatever they
   * link to now: `run` gets each such component's keys in `order`. Returns the results dropped
   * and those made, for the caller's totals.
   */
  resolve(
    dirty: Iterable<string>,
    present: (k: string) => boolean,
    order: ReadonlyMap<string, number>,
    more: (k: string) => Iterable<string>,
    run: (keys: readonly string[]) => R,
  ): { dropped: R[]; made: R[] } {
    const dropped: R[] = [];
    const made: R[] = [];
    const seeds: string[] = [];
    const dissolve = (c: Component<R>) => {
      for (const m of c.keys) {
        if (this.compOf.get(m) !== c) continue;
        this.compOf.delete(m);
        if (present(m)) seeds.push(m);
      }
      dropped.push(c.result);
    };
    for (const k of dirty) {
      const c = this.compOf.get(k);
      if (c) dissolve(c);
      if (present(k)) seeds.push(k);
    }
    this.redone = 0;
    this.regrouped = 0;
    const reached = new Set<string>();
    for (const s of seeds) {
      if (reached.has(s)) continue;
      const keys: string[] = [];
      const visitedHubs = new Set<string>();
      const stack = [s];
      reached.add(s);
      const visit = (j: string) => {
        if (reached.has(j) || !present(j)) return;
        reached.add(j);
        stack.push(j);
      };
      while (stack.length > 0) {
        const k = stack.pop()!;
        keys.push(k);
        const c = this.compOf.get(k);
        if (c) dissolve(c);
        for (const h of this.hubsOf.get(k) ?? NO_HUBS) {
          if (visitedHubs.has(h.key) || !this.active(h.key)) continue;
          visitedHubs.add(h.key);
          const holders = this.hubs.get(h.key)!;
          for (const j of holders.anchors ?? NO_HOLDERS) visit(j);
          for (const j of holders.members ?? NO_HOLDERS) visit(j);
        }
        for (const j of this.edges.get(k) ?? []) visit(j);
        for (const j of more(k)) visit(j);
      }
      keys.sort((a, b) => order.get(a)! - order.get(b)!);
      const component: Component<R> = { keys, result: run(keys) };
      for (const k of keys) this.compOf.set(k, component);
      made.push(component.result);
      this.redone++;
      this.regrouped += keys.length;
    }
    return { dropped, made };
  }

  /** How many components the keys make now. */
  count(): number {
    return new Set(this.compOf.values()).size;
  }

  private active(hub: string): boolean {
    const h = this.hubs.get(hub);
    if (!h) return false;
    return h.capped
      ? count(h.anchors) + count(h.members) <= this.cap
      : count(h.anchors) > 0 && count(h.members) <= h.most;
  }
}

function sameHub(a: Hub, b: Hub): boolean {
  return a.key === b.key && a.anchor === b.anchor && a.capped === b.capped && a.most === b.most;
}
