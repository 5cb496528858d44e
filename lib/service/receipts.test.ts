/**
 * A change's receipt lands with the change, in its transaction, or not at all: what a page
 * whose answer was cut off asks (lib/rpc.ts withReceipts).
 */
import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, beforeEach, expect, test } from 'vitest';
import { pastedDraft, rawSource } from '../../tests/unit/fixtures/raw-source';
import { seedBundle } from '../../tests/unit/fixtures/seed-corpus';
import { createBackup } from '../backup';
import { CrosscheckDB } from '../db';
import { newReceipt } from '../rpc';
import { DEFAULT_SETTINGS } from '../settings';
import type { ChangeMessage, Handlers } from '../protocol';
import { createHandlers } from './handlers';
import { loadSeedIndex } from './seed-index';
import { failingCommits } from '../../tests/unit/fixtures/failing-commits';

const bundle = seedBundle({ withOverrides: false });
const TEXT = [
  'Jane Doe, who leads the Broad Front of Ruritania, thanked the voters in Port Example on Monday.',
  'The Broad Front of Ruritania won the regional vote, its leaders said, and will name ministers.',
].join('\n\n');
const draft = (title: string) =>
  pastedDraft(rawSource('x', 'en', `${title}. ${TEXT}`, 'Example Daily', { title }));

let n = 0;
const handlersOver = (db: CrosscheckDB) =>
  createHandlers({
    db,
    ready: async () => undefined,
    seedBundle: async () => bundle,
    prepareReads: false,
    beforeCommit: failures.beforeCommit,
  });

/** A backup holding one source the test databases do not have. */
let backup: string;
beforeAll(async () => {
  const other = new CrosscheckDB(`receipts-backup-${n++}`, { indexedDB, IDBKeyRange });
  await loadSeedIndex(other, bundle);
  const o = handlersOver(other);
  await o.addSource({ draft: draft('Elsewhere') });
  backup = JSON.stringify(
    createBackup((await o.exportSources({})).sources, DEFAULT_SETTINGS, new Date(0)),
  );
});
let db: CrosscheckDB;
const failures = failingCommits();
let h: Handlers;
let added: string;

beforeEach(async () => {
  db = new CrosscheckDB(`receipts-test-${n++}`, { indexedDB, IDBKeyRange });
  await loadSeedIndex(db, bundle);
  failures.failNext(null);
  h = handlersOver(db);
  added = (await h.addSource({ draft: draft('The vote') })).id;
});

/** Each change, as a page sends it with its receipt. */
const CHANGES: Array<[ChangeMessage, (receipt: string) => Promise<unknown>]> = [
  ['addSource', (receipt) => h.addSource({ draft: draft('Another vote'), receipt })],
  ['setSourceEnabled', (receipt) => h.setSourceEnabled({ id: added, enabled: false, receipt })],
  ['removeSource', (receipt) => h.removeSource({ id: added, receipt })],
  ['editSource', (receipt) => h.editSource({ id: added, patch: { title: 'Renamed' }, receipt })],
  ['importBackup', (receipt) => h.importBackup({ text: backup, receipt })],
  ['resetCorpus', (receipt) => h.resetCorpus({ receipt })],
  [
    'addCorrection',
    (receipt) => h.addCorrection({ kind: 'hide', names: ['Port Example'], other: [], receipt }),
  ],
];

test.each(CHANGES)('%s: a failed change keeps no receipt, a saved one does', async (op, send) => {
  const lost = newReceipt();
  failures.failNext(op);
  await expect(send(lost)).rejects.toThrow(/injected failure/);
  expect(await h.changeLanded({ receipt: lost })).toEqual({ landed: false });
  const saved = newReceipt();
  await send(saved);
  expect(await h.changeLanded({ receipt: saved })).toEqual({ landed: true });
  expect(await h.changeLanded({ receipt: lost })).toEqual({ landed: false });
});

test('removing a correction keeps its receipt too', async () => {
  const { added: id } = await h.addCorrection({ kind: 'hide', names: ['Port Example'], other: [] });
  const receipt = newReceipt();
  await h.removeCorrection({ id, receipt });
  expect(await h.changeLanded({ receipt })).toEqual({ landed: true });
});

test('only the last 64 receipts are kept', async () => {
  const first = newReceipt();
  await h.setSourceEnabled({ id: added, enabled: false, receipt: first });
  for (let i = 0; i < 64; i++)
    await h.setSourceEnabled({ id: added, enabled: i % 2 === 0, receipt: newReceipt() });
  expect(await h.changeLanded({ receipt: first })).toEqual({ landed: false });
});

test.each([['short'], ['Z'.repeat(32)], ['a'.repeat(33)]])(
  'a receipt that is not 32 hexadecimal digits is refused: %s',
  async (receipt) => {
    await expect(h.changeLanded({ receipt })).rejects.toMatchObject({ code: 'bad-request' });
  },
);
