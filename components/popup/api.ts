/**
 * The popup's access to the extension: the typed background client, the active tab, and the
 * tab's content script (TabProtocol over tabs.sendMessage, through the same lib/rpc.ts client).
 * Components receive this through props so they stay testable.
 */
import type { Req, Res, TabProtocol } from '@/lib/protocol';
import { createClient, type Send } from '@/lib/rpc';

export interface ActiveTab {
  id: number;
  url: string | null;
}

export interface PopupApi {
  send: Send;
  activeTab: () => Promise<ActiveTab | null>;
  /** null when no content script answers (a browser page, a blocked site, not loaded yet). */
  sendTab: <K extends keyof TabProtocol>(
    tabId: number,
    type: K,
    payload: Req<TabProtocol, K>,
  ) => Promise<Res<TabProtocol, K> | null>;
  openUrl: (url: string) => void;
}

export function createPopupApi(): PopupApi {
  return {
    send: createClient((message) => browser.runtime.sendMessage(message)),
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
