import './highlights.css';
import cardCss from '@/components/Hovercard.css?inline';
import { createCardHost } from '@/components/HovercardHost';
import type { Dictionary } from '@/lib/dictionary';
import { dictionaryCacheItem, dictionaryVersionItem } from '@/lib/dictionary-store';
import { compileMatcher } from '@/lib/matcher';
import { PageController } from '@/lib/page/controller';
import { dispatchTab } from '@/lib/page/tab-rpc';
import { UI_TAG } from '@/lib/page/walk';
import { createClient } from '@/lib/rpc';
import { isSiteEnabled, type Settings, siteKey } from '@/lib/settings';
import { getSettings, settingsItem } from '@/lib/settings-store';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const send = createClient((message) => browser.runtime.sendMessage(message));
    const site = siteKey(location.href);
    let settings: Settings = await getSettings();
    let dictionary: Dictionary | null = null;
    let controller: PageController | null = null;

    const ui = await createShadowRootUi(ctx, {
      name: UI_TAG,
      position: 'inline',
      anchor: () => document.documentElement,
      append: 'last',
      css: cardCss,
      onMount: (container) => container,
    });
    const card = createCardHost({
      mount: () => {
        ui.mount();
        return { container: ui.uiContainer, host: ui.shadowHost };
      },
      unmount: () => ui.remove(),
      getCard: (entityId) => send('getCard', { entityId }),
      entityInfo: (id) => {
        const e = dictionary?.entities[id];
        return e ? { name: e[0], type: e[1] } : null;
      },
      theme: () => settings.theme,
      site,
      onDisableSite: () => {
        if (!site) return;
        void settingsItem.setValue({
          ...settings,
          disabledSites: [...new Set([...settings.disabledSites, site])],
          enabledSites: settings.enabledSites.filter((s) => s !== site),
        });
      },
      onOpenList: (entityId) => void send('openEntityList', { entityId }),
      onRequestClose: () => controller?.closeCard(),
    });

    async function loadDictionary(): Promise<Dictionary> {
      const [cached, published] = await Promise.all([
        dictionaryCacheItem.getValue(),
        dictionaryVersionItem.getValue(),
      ]);
      // The usual page load: the cached copy is current, so the service worker is not woken.
      if (cached && cached.version === published) return cached;
      const reply = await send('getDictionary', { knownVersion: cached?.version ?? null });
      if ('unchanged' in reply) {
        if (cached) return cached;
        throw new Error('The background answered "unchanged" to a page with no dictionary.');
      }
      void dictionaryCacheItem.setValue(reply);
      return reply;
    }

    const matcherFor = (dict: Dictionary) =>
      compileMatcher(
        dict.aliases.filter(([, id]) => {
          const type = dict.entities[id]?.[1];
          return type !== undefined && settings.types.includes(type);
        }),
      );

    // One start at a time: settings and dictionary changes can arrive while the dictionary loads.
    let starting: Promise<void> | null = null;
    const wanted = () => site !== null && isSiteEnabled(settings, location.hostname);
    function start(): Promise<void> {
      starting ??= (async () => {
        if (controller || !wanted()) return;
        dictionary ??= await loadDictionary();
        if (controller || !wanted()) return; // switched off while loading
        const matcher = matcherFor(dictionary);
        if (matcher.size === 0) return;
        controller = new PageController({
          doc: document,
          matcher,
          card,
          hoverDelayMs: settings.hoverDelayMs,
          highlightStyle: settings.highlightStyle,
          firstPerParagraph: settings.mentions === 'first-per-paragraph',
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
    }

    const unwatch = settingsItem.watch(async () => {
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
        void controller.setMatcher(matcherFor(dictionary));
      } else if (before.mentions !== settings.mentions) {
        void controller.setFirstPerParagraph(paragraphMode);
      }
    });

    // Sources changed (added, removed, switched off): new dictionary, same page, no reload.
    const unwatchDictionary = dictionaryVersionItem.watch(async (version) => {
      if (version === null || version === dictionary?.version || !wanted()) return;
      await starting;
      dictionary = await loadDictionary();
      card.invalidate();
      if (controller) void controller.setMatcher(matcherFor(dictionary));
      else void start();
    });

    // Single-page-app navigations: the new view is scanned from scratch.
    ctx.addEventListener(window, 'wxt:locationchange', () => void controller?.rescanAll());

    const onMessage = (message: unknown, _sender: unknown, reply: (r: unknown) => void) => {
      const answer = dispatchTab(
        {
          getPageEntities: async () => {
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
        },
        message,
      );
      if (!answer) return undefined;
      void answer.then(reply);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      unwatch();
      unwatchDictionary();
      stop();
    });

    await start();
  },
});
