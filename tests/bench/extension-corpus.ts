/**
 * What the browser benches (popup-paint.ts, add-browser.ts) share: the built extensions they
 * compare, and a generated corpus (tests/bench/corpus-make.ts) written into a loaded extension's
 * database from its service worker.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Worker } from '@playwright/test';
import { CORPUS_TABLES } from '../../lib/db';
import { cachedCorpus } from './corpus-make';

/** The extensions of `--builds a,b` (output directories), or `fallback` alone. */
export function buildsOf(list: string, fallback: string): string[] {
  const dirs = list
    .split(',')
    .filter(Boolean)
    .map((d) => resolve(d, 'chrome-mv3'));
  return dirs.length ? dirs : [fallback];
}

/** A build's name in the results: its output directory's. */
export const buildLabel = (dir: string) => basename(dirname(dir));

/** Writes the corpus of N sources into the extension's database, as a change would. */
export async function fill(n: number, worker: Worker) {
  const corpus = cachedCorpus(n);
  // The corpus, straight into the extension's database, a table at a time in chunks.
  for (const table of CORPUS_TABLES) {
    const rows = (corpus[table] as unknown[]).map((r) =>
      table === 'sources' ? { ...(r as object), addedAt: 1 } : r,
    );
    for (let at = 0; at < rows.length; at += 3000) {
      await worker.evaluate(
        async ({ table, rows }) => {
          const db = await new Promise<IDBDatabase>((ok, fail) => {
            const r = indexedDB.open('crosscheck');
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
          const tx = db.transaction([table], 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          await new Promise((ok, fail) => {
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
          });
          db.close();
        },
        { table, rows: rows.slice(at, at + 3000) },
      );
    }
  }
  // A new corpus version, as every change writes: the background's caches start over.
  await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('crosscheck');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(['meta'], 'readwrite');
    const meta = tx.objectStore('meta');
    const get = meta.get('dictionaryVersion');
    get.onsuccess = () => {
      const v = (get.result as { value?: unknown } | undefined)?.value;
      meta.put({ id: 'dictionaryVersion', value: (typeof v === 'number' ? v : 0) + 1 });
    };
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });
}
