/**
 * What claim extraction reads of the entity list, and a view of the list that notes it: the
 * entities looked up and, of each, the fields asked (type, name, whether its descriptors hold a
 * role's words), plus the list order of the entities a role's holder was chosen among. A caller
 * that keeps a source's claims checks these reads alone when entities changed
 * (lib/corpus/pipeline.ts): an alias or a descriptor an entity gains elsewhere then re-extracts
 * nothing that did not ask about it.
 */
import type { Entity } from '../types';
import { foldLower } from './text';

export interface ClaimReads {
  /** Each entity's type and name as read, by id (undefined: no entity of that id). */
  types: Map<string, Entity['type'] | undefined>;
  names: Map<string, string | undefined>;
  /** By id, then by role words (space-separated, folded): whether its descriptors hold them. */
  roles: Map<string, Map<string, boolean>>;
  /** The ids a role's holder was chosen among, and the present ones in list order (ties). */
  ranked: { among: string[]; order: string[] } | null;
  /** Every entity was read (a place-name test built from the whole list): nothing can be kept. */
  all: boolean;
}

export const createClaimReads = (): ClaimReads => ({
  types: new Map(),
  names: new Map(),
  roles: new Map(),
  ranked: null,
  all: false,
});

/** Whether an entity's descriptors hold every one of the (folded) role words. */
const holdsRole = (e: Entity, roleWords: readonly string[]) =>
  e.descriptors.some((d) => roleWords.every((w) => foldLower(d.text).includes(w)));

/** The ids of `among` that are in the list, in the list's order. */
function inOrder(among: Iterable<string>, position: (id: string) => number | undefined): string[] {
  const present: Array<[string, number]> = [];
  for (const id of among) {
    const at = position(id);
    if (at !== undefined) present.push([id, at]);
  }
  return present.sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

/**
 * Each entity list's index by id, and its positions once asked: a build extracts every source
 * it must against one list, so the index is made once for the list, not once per source (it
 * grows with the corpus). The list must not change while it is in use (a build's lists do not).
 */
interface ListIndex {
  /** The list's length when indexed (a list that grew is indexed again). */
  length: number;
  byId: Map<string, Entity>;
  at: Map<string, number> | null;
}
const indexes = new WeakMap<readonly Entity[], ListIndex>();

function indexOf(entities: readonly Entity[]): ListIndex {
  let index = indexes.get(entities);
  if (!index || index.length !== entities.length) {
    index = { length: entities.length, byId: new Map(entities.map((e) => [e.id, e])), at: null };
    indexes.set(entities, index);
  }
  return index;
}

/** The entity list as claim extraction reads it, noting each read when given `reads`. */
export class EntityLookup {
  private readonly index: ListIndex;

  constructor(
    private readonly entities: readonly Entity[],
    private readonly reads?: ClaimReads,
  ) {
    this.index = indexOf(entities);
  }

  private get byId(): Map<string, Entity> {
    return this.index.byId;
  }

  type(id: string): Entity['type'] | undefined {
    const type = this.byId.get(id)?.type;
    this.reads?.types.set(id, type);
    return type;
  }

  name(id: string): string | undefined {
    const name = this.byId.get(id)?.name;
    this.reads?.names.set(id, name);
    return name;
  }

  /** Whether entity `id`'s descriptors hold every role word (false when there is none). */
  holdsRole(id: string, roleWords: readonly string[]): boolean {
    const e = this.byId.get(id);
    const answer = e !== undefined && holdsRole(e, roleWords);
    if (this.reads) {
      let asked = this.reads.roles.get(id);
      if (!asked) this.reads.roles.set(id, (asked = new Map()));
      asked.set(roleWords.join(' '), answer);
    }
    return answer;
  }

  /** The ids of `among` that are entities, in the list's order. */
  inListOrder(among: Iterable<string>): string[] {
    // Positions in the id map's order, the order extraction has always iterated entities in.
    const at = (this.index.at ??= new Map([...this.byId.keys()].map((id, i) => [id, i])));
    const ids = [...among];
    const order = inOrder(ids, (id) => at.get(id));
    if (this.reads) this.reads.ranked = { among: ids, order };
    return order;
  }

  /** Every entity (a read of the whole list). */
  all(): Iterable<Entity> {
    if (this.reads) this.reads.all = true;
    return this.entities;
  }
}

/**
 * Whether every read noted in `reads` gives the same answer over another entity list, given by
 * its lookup by id and its positions.
 */
export function sameClaimReads(
  reads: ClaimReads,
  entityOf: (id: string) => Entity | undefined,
  position: (id: string) => number | undefined,
): boolean {
  if (reads.all) return false;
  for (const [id, type] of reads.types) if (entityOf(id)?.type !== type) return false;
  for (const [id, name] of reads.names) if (entityOf(id)?.name !== name) return false;
  for (const [id, asked] of reads.roles) {
    const e = entityOf(id);
    for (const [words, answer] of asked)
      if ((e !== undefined && holdsRole(e, words.split(' '))) !== answer) return false;
  }
  if (reads.ranked) {
    const order = inOrder(reads.ranked.among, position);
    const was = reads.ranked.order;
    if (order.length !== was.length || order.some((id, i) => id !== was[i])) return false;
  }
  return true;
}
