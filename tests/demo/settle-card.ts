/** Waiting for the open card to show its data, for screenshots (tests/demo scripts). */
import type { ContentWorld, WorldGlobals } from '../e2e/content-world';

/**
 * Resolves once the open card shows its data (its "More" appears once the data is in, not
 * "Loading…") and its fade-in has finished. `giveUpMs`: stop waiting for the data after that
 * long (a card whose data never comes), for scripts that shoot many cards in a row.
 */
export async function settleCard(world: ContentWorld, giveUpMs?: number): Promise<void> {
  await world
    .evaluate(
      (ms) =>
        new Promise<boolean>((done) => {
          const root = (globalThis as WorldGlobals).__crosscheck?.ui()?.root;
          const loaded = () => !!root?.querySelector('details.more');
          if (!root || loaded()) return done(loaded());
          const observer = new MutationObserver(() => {
            if (!loaded()) return;
            observer.disconnect();
            done(true);
          });
          observer.observe(root, { subtree: true, childList: true });
          // (An argument left out arrives as null.)
          if (typeof ms === 'number') setTimeout(() => done(false), ms);
        }),
      giveUpMs,
    )
    .catch(() => false);
  // The card fades in over 120 ms: shoot once its animation has finished.
  await world
    .evaluate(() =>
      Promise.all(
        ((globalThis as WorldGlobals).__crosscheck?.ui()?.root.getAnimations() ?? []).map(
          (a) => a.finished,
        ),
      ).then(() => true),
    )
    .catch(() => false);
}
