/**
 * The options page's (and popup's) access to the extension: the typed background client, host
 * permissions and settings storage. Components receive these through props so they stay testable.
 */
import { createClient, type Send, withReceipts } from '@/lib/rpc';
import { codeOf } from '@/lib/problems';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { getSettings, settingsItem } from '@/lib/settings-store';
import type { Settings, SourceProgress } from '@/lib/protocol';
import { PROGRESS_PORT } from '@/lib/protocol/schemas';
import { readProgress } from './progress';

export interface OptionsApi {
  send: Send;
  /** Host patterns granted now (manifest and optional), for skipping the prompt when covered. */
  grantedOrigins: () => Promise<string[]>;
  /** Must be called synchronously inside the click/submit handler (user gesture). */
  requestOrigin: (pattern: string) => Promise<boolean>;
  getSettings: () => Promise<Settings>;
  setSettings: (s: Settings) => Promise<void>;
  watchSettings: (cb: (s: Settings) => void) => () => void;
  fetch: typeof fetch;
  /** Hears the background's progress of adds and imports until the returned stop is called. */
  watchProgress: (cb: (p: SourceProgress) => void) => () => void;
}

export function createOptionsApi(): OptionsApi {
  return {
    send: withReceipts(createClient((message) => browser.runtime.sendMessage(message))),
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
    getSettings,
    setSettings: (s) => settingsItem.setValue(s),
    // Same merge over defaults as getSettings, so a field added later is never undefined.
    watchSettings: (cb) => settingsItem.watch((s) => cb({ ...DEFAULT_SETTINGS, ...s })),
    fetch: (...args) => fetch(...args),
    watchProgress: (cb) => {
      const port = browser.runtime.connect({ name: PROGRESS_PORT });
      port.onMessage.addListener((message: unknown) => {
        const p = readProgress(message);
        if (p) cb(p);
      });
      return () => port.disconnect();
    },
  };
}

/**
 * `api` whose changes, when saved though their answer was cut off (lib/rpc.ts withReceipts),
 * call `refresh`, so the page's lists show what the database now holds.
 */
export function refreshingAfterUnanswered(api: OptionsApi, refresh: () => void): OptionsApi {
  const send: Send = async (type, payload) => {
    try {
      return await api.send(type, payload);
    } catch (e) {
      if (codeOf(e) === 'saved-unanswered') refresh();
      throw e;
    }
  };
  return { ...api, send };
}
