import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { CrosscheckDB, readCorpus } from '../../lib/db';
import { seedBundle } from './fixtures/seed-corpus';

const bundle = seedBundle({ withOverrides: false });
const optionsPage = () => ({ url: fakeBrowser.runtime.getURL('/options.html') });

/** The package's files: the tiny version file and the bundle (as text, to serve it damaged). */
function servePackage(version: string, bundleText: string): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async (url: string) =>
        new Response(
          url.endsWith('corpus-version.json') ? JSON.stringify({ version }) : bundleText,
        ),
    ),
  );
}

/** A new service-worker life: the old one's listeners are gone. */
function startWorker(): void {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  // Nor `onConnect`: the options page's progress port is tested end to end.
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
  background.main();
}

const ask = (type: string, payload: object) =>
  new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger({ type, payload }, optionsPage(), resolve);
  });

describe('corrupted data, through the service worker', () => {
  beforeEach(async () => {
    await new CrosscheckDB().delete();
    servePackage(bundle.version, JSON.stringify(bundle));
    startWorker();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    // Answered once the install's load is done.
    expect(await ask('getStats', {})).toMatchObject({ ok: true, value: { sources: 5 } });
  });

  test('a damaged seed row found at start-up is repaired, and the options page is told', async () => {
    const db = new CrosscheckDB();
    const entity = bundle.corpus.entities[0]!;
    await db.table('entities').put({ id: entity.id, origin: 'seed' });
    db.close();

    startWorker(); // the next service-worker life
    expect(await ask('getIntegrityReport', { dismiss: false })).toEqual({
      ok: true,
      value: { seedProblems: 1, repaired: true, unreadable: [], bundleProblem: null },
    });
    const after = new CrosscheckDB();
    expect(await after.entities.get(entity.id)).toEqual(entity);
    after.close();
    expect(await ask('getIntegrityReport', { dismiss: true })).toMatchObject({ ok: true });
    expect(await ask('getIntegrityReport', { dismiss: false })).toEqual({ ok: true, value: null });
  });

  test('an update with a damaged bundle keeps the database and says so plainly', async () => {
    const db = new CrosscheckDB();
    const before = await readCorpus(db);
    db.close();

    // The new package's bundle is cut off mid-file.
    servePackage('v2', JSON.stringify({ ...bundle, version: 'v2' }).slice(0, 5000));
    startWorker();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    const reply = await ask('getIntegrityReport', { dismiss: false });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        repaired: false,
        bundleProblem: expect.stringMatching(/damaged \(it is not valid JSON\).*left as it was/),
      },
    });
    const after = new CrosscheckDB();
    expect(await readCorpus(after)).toEqual(before);
    after.close();
    // Everything else still answers from the database as it was.
    expect(await ask('getStats', {})).toMatchObject({ ok: true, value: { sources: 5 } });
  });
});
