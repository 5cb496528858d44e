/**
 * Receipts of the changes that landed: a page sends each change with a random id (lib/rpc.ts
 * withReceipts), and the service keeps the last ones in the meta table, written in the change's
 * own transaction. A service worker stopped after the commit but before its answer leaves the
 * page an interruption; the receipt then tells whether the change is there, so the reader is
 * told the truth ("saved" or "nothing was saved") instead of a guess.
 */
import type { CrosscheckDB } from '../db';

export const META_RECEIPTS = 'changeReceipts';
/** A page asks right after its interruption: the last few dozen changes are plenty. */
const KEPT = 64;

async function receipts(db: CrosscheckDB): Promise<string[]> {
  const row = await db.meta.get(META_RECEIPTS);
  return typeof row?.value === 'string' ? row.value.split(' ').filter(Boolean) : [];
}

/** Keeps `receipt` (call inside the change's transaction: it lands with the change or not at all). */
export async function keepReceipt(db: CrosscheckDB, receipt: string | undefined): Promise<void> {
  if (!receipt) return;
  const kept = (await receipts(db)).filter((r) => r !== receipt);
  kept.push(receipt);
  await db.meta.put({ id: META_RECEIPTS, value: kept.slice(-KEPT).join(' ') });
}

/** Whether the change sent with `receipt` landed. */
export async function receiptLanded(db: CrosscheckDB, receipt: string): Promise<boolean> {
  return (await receipts(db)).includes(receipt);
}
