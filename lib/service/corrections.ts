/**
 * The reader's corrections of the entities (lib/corpus/corrections.ts): kept in the meta table
 * as one JSON list, listed with whether each still applies, added and removed. A change is ONE
 * transaction that writes the list and derives every entity, mention, claim and discrepancy
 * again with it (rederiveCorpus, as after any other change to what the corpus is built from),
 * then bumps the dictionary version so open tabs refresh their underlines; a failure leaves
 * the database exactly as it was.
 */
import type { BundledIndex } from '../bundle';
import type { EntityOverrides } from '../corpus/overrides';
import {
  type Correction,
  correctionApplies,
  correctionId,
  CorrectionSchema,
  MAX_CORRECTIONS,
  withCorrections,
} from '../corpus/corrections';
import { key } from '../corpus/entities/words';
import { fold } from '../corpus/text';
import { CORPUS_TABLES, type CrosscheckDB } from '../db';
import { fail, orThrow, parseAs } from '../problems';
import type { CorrectionView, EntityForms } from '../protocol';
import type { RequestOut } from '../protocol/schemas';
import { readCorrections, writeCorrections } from './correction-store';
import { bumpDictionaryVersion } from './meta';
import { keepReceipt } from './receipts';
import { bundleOverrides, rederiveCorpus } from './sources';

export interface CorrectionServiceDeps {
  db: CrosscheckDB;
  /**
   * Derives the corpus with new overrides through the source service's memo, `write` first in
   * its transaction (createSourceHandlers' rederiveWith); without it, every row is derived again.
   */
  rederive?: (
    operation: string,
    overrides: EntityOverrides | null,
    write: () => Promise<void>,
    receipt?: string,
  ) => Promise<void>;
  ready: () => Promise<void>;
  seedBundle?: () => Promise<BundledIndex>;
  beforeCommit?: (operation: string) => void | Promise<void>;
  now?: () => number;
}

/** An entity's forms: its name first, then its aliases. */
const formsOf = (e: { name: string; aliases: readonly string[] }) => [e.name, ...e.aliases];

// eslint-disable-next-line max-lines-per-function -- one handler per message over one stored list; each handler is short
export function createCorrectionHandlers(deps: CorrectionServiceDeps) {
  const { db, ready } = deps;
  const now = deps.now ?? Date.now;

  /**
   * Writes the list `edit` makes of the stored one and derives the corpus again with it, in one
   * transaction. The list is edited as it is inside that transaction, so two corrections made at
   * once both stay.
   */
  const write = async (
    operation: string,
    edit: (current: Correction[]) => Correction[],
    receipt?: string,
  ) => {
    const base = deps.seedBundle ? bundleOverrides(await deps.seedBundle()) : null;
    const store = async () => {
      const next = edit(await readCorrections(db));
      await writeCorrections(db, next);
      return next;
    };
    if (deps.rederive) {
      // Planned with the list as read now; the change's transaction bumps the dictionary
      // version, runs beforeCommit, and plans again if anything landed meanwhile.
      const planned = withCorrections(base, edit(await readCorrections(db)));
      await deps.rederive(
        operation,
        planned,
        async () => {
          await store();
        },
        receipt,
      );
      return;
    }
    await db.transaction('rw', [...CORPUS_TABLES.map((t) => db[t]), db.meta], async () => {
      const next = await store();
      await rederiveCorpus(db, withCorrections(base, next));
      await bumpDictionaryVersion(db);
      await keepReceipt(db, receipt);
      await deps.beforeCommit?.(operation);
    });
  };

  /** Each correction with its id and whether its names are still in the corpus. */
  const list = async (): Promise<CorrectionView[]> => {
    const corrections = await readCorrections(db);
    const forms = new Set<string>();
    for (const e of await db.entities.toArray()) for (const f of formsOf(e)) forms.add(key(f));
    // What is not a name has no entity: it applies while some enabled source writes it.
    const hidden = corrections.filter((c) => c.kind === 'hide');
    let texts: string[] = [];
    if (hidden.length > 0)
      texts = (await db.sources.toArray())
        .filter((s) => s.enabled && typeof s.text === 'string')
        .map((s) => fold(s.text));
    const written = (names: readonly string[]) =>
      names.some((n) => texts.some((t) => t.includes(fold(n))));
    return corrections
      .map((c): CorrectionView => ({
        id: correctionId(c),
        kind: c.kind,
        names: c.names,
        other: c.other,
        at: c.at,
        applies: c.kind === 'hide' ? written(c.names) : correctionApplies(c, (k) => forms.has(k)),
      }))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  };

  const entityForms = async (id: string, which: string): Promise<string[]> => {
    const e = await db.entities.get(id);
    if (!e)
      orThrow(
        fail(
          'not-found',
          `${which} is no longer in your corpus (it changed since); find it again.`,
        ),
      );
    return formsOf(e!);
  };

  return {
    async listCorrections(): Promise<{ corrections: CorrectionView[] }> {
      await ready();
      return { corrections: await list() };
    },

    /** Adds one correction (or makes it again: the same correction is kept once, as the newest). */
    async addCorrection(
      req: RequestOut<'addCorrection'>,
    ): Promise<{ added: string; corrections: CorrectionView[] }> {
      await ready();
      const names = [
        ...req.names,
        ...(req.entityId ? await entityForms(req.entityId, 'That entity') : []),
      ];
      const other = [
        ...req.other,
        ...(req.otherEntityId ? await entityForms(req.otherEntityId, 'The other entity') : []),
      ];
      const correction = orThrow(
        parseAs(CorrectionSchema, { kind: req.kind, names, other, at: now() }, 'bad-request'),
      );
      const id = correctionId(correction);
      const edit = (current: Correction[]) => [
        ...current.filter((c) => correctionId(c) !== id),
        correction,
      ];
      if (edit(await readCorrections(db)).length > MAX_CORRECTIONS)
        orThrow(
          fail(
            'too-large',
            `You have ${MAX_CORRECTIONS} corrections, the most Crosscheck keeps; remove some first.`,
          ),
        );
      await write('addCorrection', edit, req.receipt);
      return { added: id, corrections: await list() };
    },

    /** Takes a correction back: the corpus is then built as if it had never been made. */
    async removeCorrection({
      id,
      receipt,
    }: {
      id: string;
      receipt?: string;
    }): Promise<{ corrections: CorrectionView[] }> {
      await ready();
      const edit = (current: Correction[]) => current.filter((c) => correctionId(c) !== id);
      const current = await readCorrections(db);
      if (edit(current).length === current.length)
        orThrow(fail('not-found', 'That correction is no longer in your list. Reload the page.'));
      await write('removeCorrection', edit, receipt);
      return { corrections: await list() };
    },

    /**
     * How an import keeps a backup's corrections: the edit that adds those not there yet, made
     * inside the import's own transaction (lib/service/sources.ts importBackup), so the sources
     * and the corrections land together or not at all. Refused before anything is written when
     * the list would grow past MAX_CORRECTIONS.
     */
    async correctionsToRestore(
      from: readonly Correction[],
    ): Promise<((current: Correction[]) => Correction[]) | null> {
      const newOnes = (current: Correction[]) => {
        const ids = new Set(current.map(correctionId));
        return from.filter((c) => !ids.has(correctionId(c)));
      };
      const tooMany = (added: number) =>
        orThrow(
          fail(
            'too-large',
            `With the backup's ${added} corrections you would have more than ${MAX_CORRECTIONS}, the most Crosscheck keeps; nothing was imported. Remove some corrections and import it again.`,
          ),
        );
      const restore = (now: Correction[]) => {
        const next = [...now, ...newOnes(now)];
        // Checked again inside the import's transaction: another page may have added some.
        if (next.length > MAX_CORRECTIONS) tooMany(next.length - now.length);
        return next;
      };
      const current = await readCorrections(db);
      if (newOnes(current).length === 0) return null;
      restore(current);
      return restore;
    },

    /** One entity's name, type and forms (the options page's Entities section opens at one). */
    async getEntityForms({ entityId }: { entityId: string }): Promise<EntityForms | null> {
      await ready();
      const e = await db.entities.get(entityId);
      return e ? { id: e.id, name: e.name, type: e.type, aliases: e.aliases.slice(0, 30) } : null;
    },
  };
}
