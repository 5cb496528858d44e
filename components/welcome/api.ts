/** The welcome page's access to the extension: the background client, settings and shortcuts. */
import type { OptionsApi } from '@/components/options/api';
import { createOptionsApi } from '@/components/options/api';

export interface WelcomeApi extends Pick<OptionsApi, 'send' | 'getSettings' | 'watchSettings'> {
  shortcuts: () => Promise<Shortcuts>;
}

/** The moves between names: their keys now (the reader may have changed them), and the suggested. */
export interface Shortcuts {
  shortcuts: string[];
  suggested: string[];
}

const MOVES = ['next-mention', 'previous-mention'];

export function createWelcomeApi(): WelcomeApi {
  const { send, getSettings, watchSettings } = createOptionsApi();
  return {
    send,
    getSettings,
    watchSettings,
    shortcuts: async () => {
      const commands = browser.runtime.getManifest().commands ?? {};
      return {
        shortcuts: (await browser.commands.getAll())
          .filter((c) => MOVES.includes(c.name ?? ''))
          .map((c) => c.shortcut ?? '')
          .filter((k) => k !== ''),
        suggested: MOVES.flatMap((name) => {
          const key = commands[name]?.suggested_key;
          return (typeof key === 'string' ? key : key?.default) ?? [];
        }),
      };
    },
  };
}
