import { render } from 'preact';
import { createPopupApi } from '@/components/popup/api';
import { entityFromHash, OPENING_QUERY, PopupApp } from '@/components/popup/PopupApp';
import { loadItemBody } from '@/components/popup/DiscrepancyItem';
import { afterFrame, EARLY_ATTR, EARLY_PAINTED_MARK } from '@/components/popup/early-frame';
import { takeEarlyRead } from '@/components/popup/snapshot';
import { requestIdle } from '@/lib/page/after-layout';
import { LIST_PAGE, type PopupSnapshot } from '@/lib/protocol/snapshot';
import '@/components/popup/popup.css';

/** How long the first frame waits for the kept answers at most. */
const SNAPSHOT_WAIT_MS = 300;

const root = document.getElementById('app')!;
const api = createPopupApi();
const initialEntity = entityFromHash(location.hash);
// Asked before the first render: the worker works while the popup starts.
void api.prefetch('getSummary', {});
if (initialEntity === null)
  void api.prefetch('listDiscrepancies', { ...OPENING_QUERY, offset: 0, limit: LIST_PAGE });
// The current corpus version's kept answers, if any, make the first frame; the worker's replace them.
let shown = false;
const show = (snapshot: PopupSnapshot | null) => {
  render(<PopupApp api={api} initialEntity={initialEntity} snapshot={snapshot} />, root);
  if (shown) return;
  shown = true;
  // What the first view does not show (an opened row's body) loads once the popup is idle.
  requestIdle(window, () => void loadItemBody().catch(() => undefined), 2000);
};
/**
 * Shows the app, over the early frame (components/popup/early-frame.ts) once that is painted: the
 * app's first render, its effects and their work never hold that frame back. Painted already
 * (the module came after it): at once.
 */
const takeOver = (snapshot: PopupSnapshot | null) =>
  !root.querySelector(`main[${EARLY_ATTR}]`) ||
  performance.getEntriesByName(EARLY_PAINTED_MARK).length
    ? show(snapshot)
    : afterFrame(() => show(snapshot));
// A busy database (an upgrade, the worker's start-up reads) holds the read back: the popup then
// starts without them, and takes them when they come if the worker has not answered first.
// Started by the early script (entrypoints/popup-early.ts) while this one loaded.
const kept = takeEarlyRead(indexedDB);
const late = new Promise<null>((ok) => setTimeout(() => ok(null), SNAPSHOT_WAIT_MS));
void Promise.race([kept, late]).then((first) => {
  takeOver(first);
  if (!first) void kept.then((snapshot) => snapshot && show(snapshot));
});
addEventListener('pagehide', () => render(null, root));
