/** Shared by the options page's e2e specs: fixture pages, the options page, database dumps. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { parseHTML } from 'linkedom';
import type { ExtensionSession } from './browser';

export const FIXTURES = resolve('tests/fixtures');
export const SEEDS = resolve('seeds');

export const seedText = (file: string) => readFileSync(resolve(SEEDS, file), 'utf8');

/** A made-up analyst: a name no seed article mentions, so it is a new entity when added. */
export const NEW_PERSON = 'Mariela Quintero';

/**
 * A real news page (BBC) whose article body holds a seed article's paragraphs with one figure
 * changed and one sentence naming a new person: a new source that disagrees with the seeds.
 */
export function alteredSeedPage(): string {
  const html = readFileSync(resolve(FIXTURES, 'bbc-1.html'), 'utf8');
  const { document } = parseHTML(html);
  const body = document.querySelector('.story-body__inner') ?? document.body;
  for (const p of [...body.querySelectorAll('p')]) p.remove();
  const paragraphs = seedText('002_34deb440939f8850.txt')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.replace('more than 1,700 deportations', 'more than 2,600 deportations'));
  paragraphs.splice(
    3,
    0,
    `${NEW_PERSON}, an analyst at the Andean Policy Institute in Bogotá, said the agreement would be tested within months. ${NEW_PERSON} added that both governments had strong reasons to keep the talks going.`,
  );
  for (const text of paragraphs) {
    const p = document.createElement('p');
    p.textContent = text;
    body.appendChild(p);
  }
  return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
}

export async function openOptions(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: /^Sources/ })).toBeVisible();
  return page;
}

/** Every object store of the extension's IndexedDB, read from an extension page. */
export async function dumpDb(page: Page, { withMeta = true } = {}): Promise<string> {
  const dump = await page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((ok, fail) => {
        const open = indexedDB.open('crosscheck');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // The popup's kept answers are derived (never backed up), not the corpus.
          const names = [...db.objectStoreNames].filter((n) => n !== 'snapshots');
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            ok(out);
          };
        };
      }),
  );
  if (!withMeta) delete dump.meta;
  return JSON.stringify(dump);
}

export async function expectError(page: Page, pattern: RegExp): Promise<void> {
  // Each panel keeps its own last message; the one for this action names this problem.
  await expect(page.getByTestId('error').filter({ hasText: pattern })).toBeVisible();
}
