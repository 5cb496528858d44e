import { render } from 'preact';
import { createPopupApi } from '@/components/popup/api';
import { entityFromHash, OPENING_QUERY, PopupApp } from '@/components/popup/PopupApp';
import { LIST_PAGE, type PopupSnapshot, readPopupSnapshot } from '@/lib/service/popup-snapshot';
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
const show = (snapshot: PopupSnapshot | null) =>
  render(<PopupApp api={api} initialEntity={initialEntity} snapshot={snapshot} />, root);
// A database busy upgrading holds the read back: the popup then starts without them.
const late = new Promise<null>((ok) => setTimeout(() => ok(null), SNAPSHOT_WAIT_MS));
Promise.race([readPopupSnapshot(indexedDB), late]).then(show, () => show(null));
addEventListener('pagehide', () => render(null, root));
