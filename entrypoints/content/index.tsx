import cardCss from '@/components/Hovercard.css?inline';
import { createCardHost } from '@/components/HovercardHost';
import { namingOf } from '@/lib/dictionary';
import { type PageDictionary, pageDictionaryOf, unpackDictionary } from '@/lib/dictionary-pack';
import { type Matcher, matcherOf } from '@/lib/matcher';
import { PageController, type ScanStats } from '@/lib/page/controller';
import {
  type Coverage,
  coverageOf,
  keepOnPage,
  type PageBag,
  type PageStory,
  pageBag,
  pageStory,
  unknownNamesSteps,
} from '@/lib/page/coverage';
import { articleText, findArticleRoots } from '@/lib/page/article';
import { createIdentityVetter } from '@/lib/page/identity';
import { OVERLAY_CSS, type Painter } from '@/lib/page/painter';
import { rateLimit } from '@/lib/page/rate-limit';
import { createUiHost, type UiHost } from '@/lib/page/ui-host';
import { runSliced } from '@/lib/page/walk';
import type { Settings, TabHandlers } from '@/lib/protocol';
import { createClient, dispatch } from '@/lib/rpc';
import { DEFAULT_SETTINGS, isSiteEnabled, siteKey } from '@/lib/settings';
import { KEYS, readLocal, watchLocal, writeLocal } from './stored';

/**
 * Build flag: publish `crosscheck:scan` performance marks (benchmarks only; page-visible).
 * Declared before its uses, so the shipped build folds it and leaves the benchmark code out.
 */
const SCAN_MARKS = import.meta.env.WXT_CROSSCHECK_SCAN_MARKS === '1';

/** The stored settings over the defaults (a field added later has a value for old installs). */
async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await readLocal<Settings>(KEYS.settings)) };
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // eslint-disable-next-line max-lines-per-function -- the content script's wiring (stores, scanner, painter, card host, listeners); the logic is in lib/page
  async main(ctx) {
    const startup = SCAN_MARKS ? startupTimer() : null;
    const send = createClient((message) => browser.runtime.sendMessage(message));
    const site = siteKey(location.href);
    let settings: Settings = await getSettings();
    let dictionary: PageDictionary | null = null;
    let controller: PageController | null = null;

    // Our one element in the page, created when the first underline or card needs it.
    let ui: UiHost | null = null;
    const getUi = () => (ui ??= createUiHost(document, OVERLAY_CSS + cardCss));
    const probe = exposeProbe(
      () => controller,
      () => ui,
    );

    // A card's actions change stored state or open tabs: trusted clicks only, and not in bursts.
    const mayDisableSite = rateLimit(1, 5_000);
    const mayOpenList = rateLimit(3, 10_000);

    const cardHost = createCardHost({
      mount: () => {
        const host = getUi();
        return { container: host.cardLayer, host: host.host };
      },
      unmount: () => undefined,
      contains: (target) => ui?.contains(target) ?? false,
      getCard: (entityId) =>
        send('getCard', { entityId, url: location.href, storyId: storyId ?? undefined }),
      entityInfo: (id) => {
        const e = dictionary?.entities[id];
        return e ? { name: e[0], type: e[1] } : null;
      },
      theme: () => settings.theme,
      covered: () => coverage !== 'not-covered',
      identityNote: (m) => identity.note(m.node.data, m.start, m.end, m.entityId),
      site,
      onDisableSite: () => {
        if (!site || !mayDisableSite()) return;
        void writeLocal(KEYS.settings, {
          ...settings,
          disabledSites: [...new Set([...settings.disabledSites, site])],
          enabledSites: settings.enabledSites.filter((s) => s !== site),
        });
      },
      onOpenList: (entityId) => {
        if (mayOpenList()) void send('openEntityList', { entityId });
      },
      onCorrect: (entityId) => {
        if (mayOpenList()) void send('openCorrections', { entityId });
      },
      onRequestClose: () => controller?.closeCard(),
    });
    const card = SCAN_MARKS ? markCardShown(cardHost, () => ui?.root ?? null) : cardHost;

    // Whether a name is the person the corpus knows: the words around it, and the page's evidence.
    const identity = createIdentityVetter({
      hints: () => dictionary?.identity ?? null,
      entity: (id) => {
        const e = dictionary?.entities[id];
        return e ? { name: e[0], type: e[1] } : null;
      },
      onStory: () => coverage === 'covered',
    });

    async function loadDictionary(): Promise<PageDictionary> {
      const [packed, published] = await Promise.all([
        readLocal<unknown>(KEYS.dictionaryCache),
        readLocal<number>(KEYS.dictionaryVersion),
      ]);
      // The usual page load: the background's pack is current, its automaton built, so the
      // service worker is not woken and no alias is compiled here.
      const cached = unpackDictionary(packed);
      if (cached && cached.version === published) return cached;
      const reply = await send('getDictionary', { knownVersion: cached?.version ?? null });
      if ('unchanged' in reply) {
        if (cached) return cached;
        throw new Error('The background answered "unchanged" to a page with no dictionary.');
      }
      // Not packed yet (the background keeps the cache; it alone writes it): built here, in
      // slices that yield to the page (thousands of aliases take tens of milliseconds).
      return runSliced(pageDictionaryOf(reply));
    }

    // The reader's entity types, applied as the matcher meets each name (nothing is rebuilt).
    const matcherFor = (dict: PageDictionary): Matcher => {
      const types = settings.types;
      return matcherOf(dict.automaton, (id) => {
        const type = dict.entities[id]?.[1];
        return type !== undefined && types.includes(type);
      });
    };

    // The page's story, judged after each full scan as the grouping would (lib/page/coverage.ts).
    // Off the corpus's stories, only names several sources talk about are underlined, and the
    // card says the page's story is not covered; on one, the card puts its discrepancies first.
    let coverage: Coverage | null = null;
    let storyId: string | null = null;
    let bag: PageBag | null = null;
    /** The judgement of the last full pass, until it is done. */
    let judging: Promise<void> = Promise.resolve();
    const naming = (id: string) =>
      dictionary ? namingOf(dictionary, id) : { sources: 0, byReader: false };
    /**
     * Returns whether it started a rescan or a re-vet (the pass just reported is about to be
     * redone). In steps (`runSliced`): reading the article's names is thousands of matches.
     */
    function* judgeCoverage(): Generator<void, boolean> {
      if (!controller) return false;
      const mentions = controller.mentions();
      const surfaces = mentions.map((m) => m.node.data.slice(m.start, m.end));
      yield;
      const text = articleText(findArticleRoots(document), MAX_NAMES_TEXT);
      yield;
      const unknown = yield* unknownNamesSteps(text, surfaces);
      yield;
      if (!controller) return false; // stopped meanwhile
      const onPage = mentions.map((m) => m.entityId);
      bag = pageBag(onPage, coverage === 'not-covered' ? bag : null, unknown);
      // A dictionary cached before it carried stories: judged on none, as before it.
      const story = pageStory(bag, dictionary?.stories ?? {});
      probe.story = story;
      if (story.storyId !== storyId) card.invalidate();
      storyId = story.storyId;
      const next = coverageOf(story);
      if (next !== coverage) {
        const wasFiltered = coverage === 'not-covered';
        coverage = next;
        controller.setEntityFilter(next === 'covered' ? null : keepOnPage(next, naming));
        // Names left out while the page looked off-story come back with a rescan.
        if (wasFiltered && next === 'covered') {
          void controller.rescanAll();
          return true;
        }
      }
      // A surname held back for want of evidence has it now (its full name came later, or the
      // page turned out to be on the corpus's story).
      if (!identity.wantsRescan()) return false;
      void controller.revet();
      return true;
    }

    // One start at a time: settings and dictionary changes can arrive while the dictionary loads.
    let starting: Promise<void> | null = null;
    const wanted = () => site !== null && isSiteEnabled(settings, location.hostname);
    function start(): Promise<void> {
      starting ??= (async () => {
        if (controller || !wanted()) return;
        startup?.lap('settings');
        dictionary ??= await loadDictionary();
        startup?.lap('dictionary');
        if (controller || !wanted()) return; // switched off while loading
        const matcher = matcherFor(dictionary);
        startup?.lap('automaton');
        if (controller || !wanted() || matcher.empty()) return;
        controller = new PageController({
          doc: document,
          matcher,
          card,
          layer: getUi,
          hoverDelayMs: settings.hoverDelayMs,
          highlightStyle: settings.highlightStyle,
          firstPerParagraph: settings.mentions === 'first-per-paragraph',
          scope: settings.scope,
          markScans: SCAN_MARKS,
          vet: (node, found) => identity.vet(node, found),
          onScan: (stats) => {
            const report = () => {
              probe.scanned(stats);
              startup?.scanned(stats, controller?.painter ?? null);
            };
            if (!stats.full) return report();
            // Judged after the pass, one judgement at a time, in slices of its own. A pass
            // about to be redone is not reported: the scan signal means "settled".
            const next = judging.then(async () => {
              if (!(await runSliced(judgeCoverage()))) report();
            });
            // A failure shows (unhandled, as before) without stopping the judgements after it.
            judging = next.catch(() => undefined);
          },
          onPainted: startup ? (first) => startup.painted(first) : undefined,
        });
        await controller.start();
      })().finally(() => {
        starting = null;
      });
      return starting;
    }

    function stop(): void {
      controller?.stop();
      controller = null;
      card.destroy();
      ui?.destroy();
      ui = null;
      coverage = null;
      storyId = null;
      bag = null;
    }

    const onSettingsChanged = async () => {
      const before = settings;
      settings = await getSettings();
      if (!wanted()) return stop();
      await starting;
      if (!controller) return void start();
      controller.setHoverDelay(settings.hoverDelayMs);
      controller.painter.setStyle(settings.highlightStyle);
      // An import can change both at once: set the paragraph mode, then rescan once.
      const paragraphMode = settings.mentions === 'first-per-paragraph';
      if (before.types.join() !== settings.types.join() && dictionary) {
        void controller.setFirstPerParagraph(paragraphMode, false);
        void controller.setScope(settings.scope, false);
        void controller.setMatcher(matcherFor(dictionary));
      } else if (before.mentions !== settings.mentions || before.scope !== settings.scope) {
        void controller.setFirstPerParagraph(paragraphMode, false);
        void controller.setScope(settings.scope);
      }
    };
    const unwatch = watchLocal(KEYS.settings, () => void onSettingsChanged());

    // Sources changed (added, removed, switched off): new dictionary, same page, no reload.
    const onDictionaryVersion = async (version: number | null) => {
      if (version === null || version === dictionary?.version || !wanted()) return;
      await starting;
      dictionary = await loadDictionary();
      card.invalidate();
      if (!controller) return void start();
      void controller?.setMatcher(matcherFor(dictionary));
    };
    const unwatchDictionary = watchLocal<number>(
      KEYS.dictionaryVersion,
      (version) => void onDictionaryVersion(version),
    );

    // Single-page-app navigations: the new view is scanned from scratch. Polled, not heard:
    // history events can be forged by the page, a changed address cannot.
    let lastHref = location.href;
    ctx.setInterval(() => {
      if (location.href === lastHref) return;
      lastHref = location.href;
      void controller?.rescanAll();
    }, 1000);

    const onMessage = (message: unknown, _sender: unknown, reply: (r: unknown) => void) => {
      const answer = dispatch(
        {
          getPageEntities: async () => {
            // The last pass, its judgement (it may filter names), and the pass it may start.
            await controller?.idle();
            await judging;
            await controller?.idle();
            return {
              enabled: controller !== null,
              url: location.href,
              entities: (controller?.entityCounts() ?? []).map(({ id, count }) => ({
                id,
                name: dictionary?.entities[id]?.[0] ?? id,
                count,
              })),
            };
          },
          revealEntity: ({ entityId }) => controller?.reveal(entityId) ?? false,
          nextMention: ({ direction }) => controller?.next(direction === -1 ? -1 : 1) ?? false,
          // Only on request (popup open): innerText lays out, so never during reading.
          getPageText: async () => ({
            text: (
              document.querySelector<HTMLElement>('article, main, [role="main"]') ?? document.body
            ).innerText.slice(0, 300_000),
          }),
        } satisfies TabHandlers,
        message,
        undefined,
      );
      if (!answer) return undefined;
      void answer.then(reply);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      // The page first: once the extension is gone, its APIs throw, and nothing may stop this.
      stop();
      for (const off of [
        () => browser.runtime.onMessage.removeListener(onMessage),
        unwatch,
        unwatchDictionary,
      ]) {
        try {
          off();
        } catch {
          // "Extension context invalidated": the listener went with the extension.
        }
      }
    });

    await start();
  },
});

/** How much of the article's text is read for the names the corpus does not know. */
const MAX_NAMES_TEXT = 300_000;

/**
 * Benchmark builds only: how long start-up took, split into its parts, published once as a
 * `crosscheck:startup` mark when the first scan's underlines are all placed.
 */
function startupTimer() {
  const t0 = performance.now();
  let last = t0;
  const parts: Record<string, number> = {};
  let scan: ScanStats | null = null;
  let counts: Painter['counts'] | null = null;
  let firstBoxAt = 0;
  let done = false;
  const finish = (now: number) => {
    if (done || !scan) return;
    done = true;
    performance.mark('crosscheck:startup', {
      detail: {
        injectedAt: round(t0),
        ...parts,
        scanMs: round(scan.ms),
        scanWallMs: round(scan.wallMs),
        firstBoxMs: firstBoxAt ? round(firstBoxAt - t0) : null,
        allPlacedMs: round(now - t0),
        measured: counts?.measured ?? null,
        hitTests: counts?.hitTests ?? null,
      },
    });
  };
  return {
    lap(name: string) {
      const now = performance.now();
      parts[name] = round(now - last);
      last = now;
    },
    /** Finished once the painter has no mention left to measure (it reports when it is done). */
    scanned(stats: ScanStats, painter: Painter | null) {
      scan ??= stats;
      counts ??= painter?.counts ?? null;
      if (!painter?.pending()) finish(performance.now());
    },
    painted(first: boolean) {
      const now = performance.now();
      if (first) firstBoxAt ||= now;
      else finish(now);
    },
  };
}

/**
 * Benchmark builds only: from the end of the hover intent (the card asked to show) to the card
 * on screen (the first frame it is in the layer) and to its data in it, as `crosscheck:card`.
 */
type CardHostApi = ReturnType<typeof createCardHost>;
function markCardShown(card: CardHostApi, root: () => ShadowRoot | null): CardHostApi {
  const show = card.show.bind(card);
  return Object.assign(Object.create(card) as CardHostApi, {
    show(...args: Parameters<CardHostApi['show']>) {
      const t0 = performance.now();
      show(...args);
      let visibleMs: number | null = null;
      let done = false;
      // The card is rendered and placed right after a layout, before that frame's paint: a
      // mutation observer hears it then (an animation frame would be the next frame's). A card
      // prepared out of sight becomes a dialog then (its role is set).
      const added = new MutationObserver(() => check());
      const shadow = root();
      if (shadow)
        added.observe(shadow, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: ['role'],
        });
      const check = () => {
        if (done) return;
        const el = root()?.querySelector<HTMLElement>('[role="dialog"]');
        const now = performance.now();
        if (el && visibleMs === null) visibleMs = round(now - t0);
        if (el && !/Loading/.test(el.textContent ?? '')) {
          done = true;
          added.disconnect();
          performance.mark('crosscheck:card', {
            detail: { visibleMs, readyMs: round(now - t0) },
          });
        }
      };
      const tick = () => {
        check();
        if (done) return;
        if (performance.now() - t0 < 5_000) requestAnimationFrame(tick);
        else added.disconnect();
      };
      requestAnimationFrame(tick);
    },
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * What tests and benchmarks read about this page, on a global of the content script's isolated
 * world: the page cannot see it (its own globals are another world's), only the extension and a
 * debugger attached to the browser can.
 */
function exposeProbe(controller: () => PageController | null, ui: () => UiHost | null) {
  const probe = {
    scans: 0,
    lastScan: null as ScanStats | null,
    /** The page's story as last judged (lib/page/coverage.ts). */
    story: null as PageStory | null,
    controller,
    ui,
    scanned(stats: ScanStats) {
      probe.scans++;
      probe.lastScan = stats;
    },
  };
  (globalThis as { __crosscheck?: typeof probe }).__crosscheck = probe;
  return probe;
}
