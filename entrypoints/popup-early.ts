/**
 * The popup's kept answers (components/popup/snapshot.ts), read from IndexedDB while the popup's
 * main script is still loading and compiling, and drawn at once as the popup's first frame with
 * plain DOM (components/popup/early-frame.ts): a small classic script that
 * entrypoints/popup/index.html loads async, with no Preact. main.tsx takes the read (or starts
 * one if this did not run) and renders the app over that frame.
 */
import { afterPaint, drawEarlyFrame, EARLY_PAINTED_MARK } from '@/components/popup/early-frame';
import { startEarlyRead } from '@/components/popup/snapshot';

export default defineUnlistedScript(() => {
  // Drawn before main.tsx's own callback on the same read runs (it is registered first).
  // A row of a shape it cannot draw (a damaged database): no early frame, the app draws.
  void startEarlyRead(indexedDB)
    ?.then((kept) => {
      // Once painted, the app may take it over at once (main.tsx).
      if (drawEarlyFrame(document.getElementById('app'), kept))
        afterPaint(() => performance.mark(EARLY_PAINTED_MARK));
    })
    .catch(() => false);
});
