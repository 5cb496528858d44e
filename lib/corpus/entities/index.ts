/**
 * Entity discovery from the text itself: capitalised chunks become candidates (occurrences.ts),
 * junk is set aside (junk.ts), candidates are grouped under one entity by their aliases
 * (grouping.ts), typed from keywords and context (typing.ts), named (naming.ts), and every
 * occurrence becomes a mention (mentions.ts). Nothing here knows any particular story.
 */
import { countryCode } from '../../lang';
import type { Descriptor, Entity, Mention, Passage, Source } from '../../types';
import { entityId } from '../ids';
import { rulesOf } from '../corrections';
import type { EntityOverrides } from '../overrides';
import { type Group, groupOccurrences, type Grouping, GroupPool, maxLen } from './grouping';
import { junkFilter } from './junk';
import { linkMentions, MentionMemo } from './mentions';
import { acronymHead, betterName, findOverride, mergeDescriptors, pickName } from './naming';
import {
  discoveryWork,
  findOccurrences,
  type Occurrence,
  OccurrenceMemo,
  sentencesOf,
} from './occurrences';
import { inferType, typeFromNeighbours } from './typing';
import { headWordType, key } from './words';

export { discoveryWork, MAX_NAME_TOKENS } from './occurrences';

export interface DiscoveryInput {
  source: Source;
  passages: Passage[];
}

export interface DiscoveryResult {
  /** New entities, and known ones that gained aliases or descriptors. */
  entities: Entity[];
  mentions: Mention[];
}

/**
 * Discovers entities and mentions in `inputs`. `known` entities (from sources already indexed)
 * are linked first; only new or changed entities are returned.
 */
export function discoverEntities(
  inputs: readonly DiscoveryInput[],
  known: readonly Entity[],
  overrides: EntityOverrides | null,
  memo?: DiscoveryMemo,
): DiscoveryResult {
  // A memo holds what is read without known entities (the batch build's).
  const kept = memo && known.length === 0 ? memo : undefined;
  const { sentences, occs, stats } = kept
    ? kept.occurrences.find(inputs)
    : readOccurrences(inputs, known);
  // The reader's corrections (lib/corpus/corrections.ts): what is not a name links to nothing.
  const rules = rulesOf(overrides);
  const knownKeys = new Map<string, Entity>();
  for (const e of known)
    for (const a of new Set([e.name, ...e.aliases]))
      if (!rules.hidden.has(key(a))) knownKeys.set(key(a), e);
  const grouping = groupOccurrences(
    occs,
    kept ? kept.occurrences.junkFilter() : junkFilter(occs, knownKeys, stats),
    kept?.groups,
    rules,
  );
  const origin = inputs[0]?.source.origin ?? 'seed';
  const drafts = kept?.draftsFor(overrides, origin);
  const resolved = new Resolver(known, knownKeys, overrides, origin, drafts);
  for (const [root, members] of grouping.byRoot) resolved.add(members, grouping, root);
  if (kept && drafts) kept.drafts = drafts.next;
  const { changed, aliasToEntity } = resolved.finish();
  const mentions = linkMentions(
    occs,
    sentences,
    aliasToEntity,
    [...known, ...changed.values()],
    kept?.mentions,
  );
  // Entities must be mentioned to be worth keeping.
  const mentioned = new Set(mentions.map((m) => m.entityId));
  const knownIds = new Set(known.map((k) => k.id));
  const entities = [...changed.values()].filter((e) => mentioned.has(e.id) || knownIds.has(e.id));
  return { entities, mentions };
}

/** What Resolver.add makes of one entity's groups when nothing is known: all but its id. */
interface Draft {
  /** The name's key: the id's source (entityId). */
  nameKey: string;
  /** Its sorted surface forms (entityId's tie-break with an id already taken). */
  evidence: string;
  /** Its id when no entity has taken it (entityId with nothing taken), once asked. */
  id?: string;
  entity: Omit<Entity, 'id'>;
  /** Left without a type: its neighbours in lists may give it one (typeFromNeighbours). */
  untyped: boolean;
  /** Its aliases' keys (what place() points at the entity), once asked. */
  keys?: string[];
  /**
   * The entity it made last time it was placed, unless untyped (typeFromNeighbours sets those
   * in place): placed under the same id again, it is the same row, so the same object.
   */
  placed?: Entity;
}

/** What a draft was made from: the entity's groups and what the grouping says of them. */
interface DraftInputs {
  members: ReadonlyArray<{
    group: Group;
    extended: boolean;
    headed: string | undefined;
  }>;
  surnamed: boolean;
}

/** A draft, what it was made from, and its groups' occurrences and aliases together. */
interface KeptDraft {
  inputs: DraftInputs;
  draft: Draft;
  all: Group;
}

/** The drafts of the last build (by union root) and those of this one. */
interface Drafts {
  last: ReadonlyMap<string, KeptDraft>;
  next: Map<string, KeptDraft>;
  /** The memo's counts of entity rows kept and made (DiscoveryMemo.placed). */
  placed: DiscoveryMemo['placed'];
}

function draftInputs(members: readonly Group[], grouping: Grouping, root: string): DraftInputs {
  return {
    members: members.map((group) => ({
      group,
      extended: grouping.extended.has(group.key),
      headed: grouping.headed.get(group.key),
    })),
    surnamed: grouping.personSurnames.has(root),
  };
}

/** One entity's groups as one: their occurrences and aliases. */
function allOf(members: readonly Group[]): Group {
  return {
    key: members[0]!.key,
    occs: members.flatMap((m) => m.occs),
    aliases: new Set(members.flatMap((m) => [...m.aliases])),
  };
}

/**
 * Same groups (the same occurrence objects) and the same grouping facts. A group kept from the
 * last build (GroupPool) is the same object, never changed once built: the same occurrences.
 */
function sameDraftInputs(a: DraftInputs, b: DraftInputs): boolean {
  return (
    a.surnamed === b.surnamed &&
    a.members.length === b.members.length &&
    a.members.every((x, i) => {
      const y = b.members[i]!;
      const [g, h] = [x.group, y.group];
      return (
        x.extended === y.extended &&
        x.headed === y.headed &&
        (g === h ||
          (g.key === h.key &&
            g.occs.length === h.occs.length &&
            g.occs.every((o, j) => o === h.occs[j]) &&
            g.aliases.size === h.aliases.size &&
            [...g.aliases].every((a) => h.aliases.has(a))))
      );
    })
  );
}

/**
 * What discovery keeps between builds of a corpus that changes a source at a time: each
 * source's occurrences (OccurrenceMemo), and each entity's draft, kept while its groups hold the
 * same occurrence objects (those are kept too) and the grouping says the same of them. A kept
 * draft is what the same inputs would make again, so the build is the one without the memo.
 */
export class DiscoveryMemo {
  readonly occurrences = new OccurrenceMemo();
  /**
   * The last build's groups and the union passes' answer by component of the names that can
   * meet (a change re-resolves only the components it touches), and how many of each it made.
   */
  readonly groups = new GroupPool();
  /** Each source's mentions, and the keys they were looked up by. */
  readonly mentions = new MentionMemo();
  drafts = new Map<string, KeptDraft>();
  /**
   * The last build's entity rows: how many were the last build's objects again (`kept`), how
   * many were made (`made`), and how many untyped ones were (neighbours type those in place, so
   * each build makes them anew).
   */
  readonly placed = { kept: 0, made: 0, untyped: 0 };
  private context = '';

  /** The drafts to draw on in a build with these overrides and origin (none when they changed). */
  draftsFor(overrides: EntityOverrides | null, origin: Entity['origin']): Drafts {
    const context = JSON.stringify([overrides, origin]);
    if (context !== this.context) this.drafts = new Map();
    this.context = context;
    Object.assign(this.placed, { kept: 0, made: 0, untyped: 0 });
    return { last: this.drafts, next: new Map(), placed: this.placed };
  }
}

function readOccurrences(inputs: readonly DiscoveryInput[], known: readonly Entity[]) {
  const sentences = sentencesOf(inputs);
  discoveryWork.sourcesRead += inputs.length;
  return { sentences, ...findOccurrences(sentences, known) };
}

/** The descriptors a group's occurrences give ("the X minister"), merged. */
function descriptorsOf(all: Group): Descriptor[] {
  const descriptors: Descriptor[] = [];
  mergeDescriptors(
    descriptors,
    all.occs
      .filter((o) => o.descriptor?.includes(' '))
      .map((o) => ({ sourceId: o.source.id, text: o.descriptor! })),
  );
  return descriptors;
}

/** A group's type: a list's head word says what its names are ("the X and Y parties"). */
function typeOf(members: readonly Group[], grouping: Grouping, all: Group): Entity['type'] {
  const head = members.map((m) => grouping.headed.get(m.key)).find((h) => h !== undefined);
  return (
    (head ? headWordType(head) : null) ??
    inferType({ ...all, key: grouping.find(all.key) }, grouping.personSurnames)
  );
}

/** A draft's entity under `id`: a row of its own (nothing of the draft shared). */
function entityOf(id: string, draft: Draft['entity']): Entity {
  const { name, generic, type, aliases, descriptors, description, origin } = draft;
  return {
    id,
    name,
    ...(generic ? { generic: true } : {}),
    type,
    aliases: [...aliases],
    descriptors: descriptors.map((d) => ({ ...d })),
    description,
    origin,
  };
}

/** Turns each group of occurrences into a new entity or an update of a known one. */
class Resolver {
  readonly aliasToEntity: Map<string, Entity>;
  readonly changed = new Map<string, Entity>();
  private readonly usedIds: Set<string>;
  private readonly untyped: Array<{ entity: Entity; occs: Occurrence[] }> = [];
  private readonly knownCountries = new Map<string, Entity>();

  constructor(
    known: readonly Entity[],
    private readonly knownKeys: ReadonlyMap<string, Entity>,
    private readonly overrides: EntityOverrides | null,
    private readonly origin: Entity['origin'],
    private readonly drafts?: Drafts,
  ) {
    this.aliasToEntity = new Map(knownKeys);
    this.usedIds = new Set(known.map((e) => e.id));
    for (const e of known) {
      if (e.type !== 'place') continue;
      const code = [e.name, ...e.aliases].map((a) => countryCode(a)).find((c) => c !== null);
      if (code && !this.knownCountries.has(code)) this.knownCountries.set(code, e);
    }
  }

  /** One entity's groups (those under one union root). */
  add(members: readonly Group[], grouping: Grouping, root: string): void {
    // A memo's build (nothing known, nothing to look up): a new entity, from the draft its
    // groups made last time if they are the same.
    if (this.drafts) {
      const inputs = draftInputs(members, grouping, root);
      const was = this.drafts.last.get(root);
      if (was && sameDraftInputs(was.inputs, inputs)) {
        this.drafts.next.set(root, was);
        this.place(was.draft, was.all);
        return;
      }
      const all = allOf(members);
      if (all.occs.length === 0) return;
      const draft = this.draft(members, grouping, all);
      this.drafts.next.set(root, { inputs, draft, all });
      this.place(draft, all);
      return;
    }
    const all = allOf(members);
    if (all.occs.length === 0) return;
    // Nothing known (the batch build's case): nothing to look up.
    const existing =
      this.knownKeys.size === 0 && this.knownCountries.size === 0
        ? undefined
        : ([...all.aliases].map((a) => this.knownKeys.get(key(a))).find((e) => e !== undefined) ??
          // A country known under another language's name ("Allemagne" after "Germany").
          [...all.aliases]
            .map((a) => countryCode(a))
            .map((c) => (c ? this.knownCountries.get(c) : undefined))
            .find((e) => e !== undefined));
    if (existing) {
      this.update(existing, all, descriptorsOf(all), () => typeOf(members, grouping, all));
      return;
    }
    this.place(this.draft(members, grouping, all), all);
  }

  /** A new entity's draft: everything but its id. */
  private draft(members: readonly Group[], grouping: Grouping, all: Group): Draft {
    // The fullest name, not one with a head word added to another ("X Mountains" of "X"), nor
    // one written without its head word ("X" of "the X and Y parties").
    // Nor one only written with its head in lower case ("ministère de l'X"), where another is not.
    const namers = members.filter(
      (m) => !grouping.extended.has(m.key) && !grouping.headed.has(m.key),
    );
    const pool = namers.length > 0 ? namers : members;
    const capitalised = pool.filter((m) => m.occs.some((o) => !/^\p{Ll}/u.test(o.surface)));
    const rootGroup = (capitalised.length > 0 ? capitalised : pool).reduce((a, b) =>
      maxLen(b) > maxLen(a) || (maxLen(b) === maxLen(a) && b.occs.length > a.occs.length) ? b : a,
    );
    const name = acronymHead(all.aliases) ?? pickName(rootGroup);
    const type = [...all.aliases].some((a) => countryCode(a) !== null)
      ? 'place'
      : typeOf(members, grouping, all);
    const override = findOverride(this.overrides, [name, ...all.aliases]);
    // An institution the corpus only names as some place's ("Ruritania's Supreme Court"): its
    // bare name means another country's institution on most other pages.
    const qualified = all.occs.filter((o) => o.qualified).length;
    const finalType = override?.type ?? type;
    const generic =
      (finalType === 'organization' || finalType === 'facility') &&
      qualified > 0 &&
      qualified * 2 >= all.occs.length &&
      !all.occs.some((o) => o.acronym);
    return {
      nameKey: key(name),
      evidence: [...all.aliases].sort().join('\n'),
      entity: {
        name,
        ...(generic ? { generic: true } : {}),
        type: finalType,
        aliases: [...all.aliases].filter((a) => a !== name).sort(),
        descriptors: descriptorsOf(all),
        description: override?.description ?? null,
        origin: this.origin,
      },
      untyped: finalType === 'other' && !override?.type,
    };
  }

  /** A draft made an entity: its id given, its aliases pointed at it. */
  private place(draft: Draft, all: Group): void {
    // A function of the entity's own name (no two entities share a name's key), not of what
    // came before it: an add never renames an entity it does not touch.
    // The id no entity took yet is the draft's own (entityId reads `taken` for that alone).
    draft.id ??= entityId(draft.nameKey, draft.evidence, new Set());
    const id = this.usedIds.has(draft.id)
      ? entityId(draft.nameKey, draft.evidence, this.usedIds)
      : draft.id;
    this.usedIds.add(id);
    const again = !draft.untyped && draft.placed?.id === id;
    const entity = again ? draft.placed! : entityOf(id, draft.entity);
    if (!draft.untyped) draft.placed = entity;
    if (this.drafts) this.drafts.placed[draft.untyped ? 'untyped' : again ? 'kept' : 'made']++;
    draft.keys ??= [...all.aliases].map(key);
    for (const k of draft.keys) this.aliasToEntity.set(k, entity);
    this.changed.set(id, entity);
    if (draft.untyped) this.untyped.push({ entity, occs: all.occs });
  }

  private update(
    existing: Entity,
    all: Group,
    descriptors: readonly Descriptor[],
    typed: () => Entity['type'],
  ): void {
    const entity = this.changed.get(existing.id) ?? {
      ...existing,
      aliases: [...existing.aliases],
      descriptors: [...existing.descriptors],
    };
    let touched = mergeDescriptors(entity.descriptors, descriptors);
    for (const a of all.aliases) {
      if (a !== entity.name && !entity.aliases.includes(a)) {
        entity.aliases.push(a);
        touched = true;
      }
    }
    // The name the batch build would give it now that a fuller or accented form is known.
    if (touched) {
      const better = betterName(entity.name, entity.aliases);
      if (better !== entity.name) {
        entity.aliases = [...entity.aliases.filter((a) => a !== better), entity.name].sort();
        entity.name = better;
      }
    }
    // A known name without a type takes one from the new source's evidence, as the batch
    // build would have from all of it.
    if (
      entity.type === 'other' &&
      !findOverride(this.overrides, [entity.name, ...entity.aliases])
    ) {
      const type = typed();
      if (type !== 'other') {
        entity.type = type;
        touched = true;
      } else this.untyped.push({ entity, occs: all.occs });
    }
    for (const a of all.aliases) this.aliasToEntity.set(key(a), entity);
    if (touched) this.changed.set(entity.id, entity);
  }

  /** Types the untyped from their neighbours in lists; the entities changed or created. */
  finish(): { changed: Map<string, Entity>; aliasToEntity: Map<string, Entity> } {
    typeFromNeighbours(this.untyped, this.aliasToEntity);
    for (const { entity } of this.untyped)
      if (entity.type !== 'other') this.changed.set(entity.id, entity);
    return { changed: this.changed, aliasToEntity: this.aliasToEntity };
  }
}
