/**
 * The popup's access to the extension: the typed background client, the active tab, and the
 * tab's content script (TabProtocol over tabs.sendMessage, through the same lib/rpc.ts client).
 * Components receive this through props so they stay testable.
 */
import type { Req, Res, TabProtocol } from '@/lib/protocol';
import { createClient, type Send, withReceipts } from '@/lib/rpc';
import { siteKey } from '@/lib/settings';

export interface ActiveTab {
  id: number;
  url: string | null;
}

export interface PopupApi {
  send: Send;
  /**
   * Sends a request now, before anyone asks: the first `send` of the same request takes its
   * answer (the popup asks while its code is still starting, not after its first frame).
   */
  prefetch: Send;
  activeTab: () => Promise<ActiveTab | null>;
  /** null when no content script answers (a browser page, a blocked site, not loaded yet). */
  sendTab: <K extends keyof TabProtocol>(
    tabId: number,
    type: K,
    payload: Req<TabProtocol, K>,
  ) => Promise<Res<TabProtocol, K> | null>;
  openUrl: (url: string) => void;
  /**
   * Takes the site of `url` off the reader's "off" list (the undo of the card's "Turn off on
   * this site"); false when `url` has no site Crosscheck could run on.
   */
  turnOnSite: (url: string) => Promise<boolean>;
}

export function createPopupApi(): PopupApi {
  const client: Send = withReceipts(
    createClient((message) => browser.runtime.sendMessage(message)),
  );
  return { ...withPrefetch(client), ...tabAccess() };
}

/** `send` and `prefetch` over one client: a prefetched answer is handed out once. */
export function withPrefetch(client: Send): Pick<PopupApi, 'send' | 'prefetch'> {
  const early = new Map<string, Promise<unknown>>();
  const keyOf = (type: string, payload: unknown) => `${type}|${JSON.stringify(payload)}`;
  return {
    prefetch: (type, payload) => {
      const answer = client(type, payload);
      early.set(keyOf(type, payload), answer);
      // Nobody may ever ask (the popup closed, the request changed): no unhandled rejection.
      answer.catch(() => undefined);
      return answer;
    },
    send: (type, payload) => {
      const key = keyOf(type, payload);
      const answer = early.get(key);
      if (!answer) return client(type, payload);
      early.delete(key);
      return answer as ReturnType<typeof client<typeof type>>;
    },
  };
}

function tabAccess(): Omit<PopupApi, 'send' | 'prefetch'> {
  return {
    async turnOnSite(url) {
      const site = siteKey(url);
      if (!site) return false;
      // Loaded on the press only: not in the code every popup parses before its first frame.
      const { getSettings, settingsItem } = await import('@/lib/settings-store');
      const settings = await getSettings();
      await settingsItem.setValue({
        ...settings,
        disabledSites: settings.disabledSites.filter((s) => s !== site),
      });
      return true;
    },
    async activeTab() {
      // Tests open the popup in a tab of its own; ?tab=<id> says which tab it stands for.
      const forced = Number(new URLSearchParams(location.search).get('tab'));
      if (Number.isInteger(forced) && forced > 0) {
        const t = await browser.tabs.get(forced).catch(() => null);
        return t?.id ? { id: t.id, url: t.url ?? null } : null;
      }
      const [t] = await browser.tabs.query({ active: true, currentWindow: true });
      return t?.id ? { id: t.id, url: t.url ?? null } : null;
    },
    async sendTab(tabId, type, payload) {
      const send = createClient<TabProtocol>((m) => browser.tabs.sendMessage(tabId, m));
      // "Could not establish connection": no content script in that tab.
      return send(type, payload).catch(() => null);
    },
    openUrl(url) {
      if (/^https?:\/\//i.test(url)) void browser.tabs.create({ url });
    },
  };
}
