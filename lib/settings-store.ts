import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from './settings';
import type { Settings } from './protocol';

/** The one stored settings item; add migrations here when Settings changes shape. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: {},
});

export async function getSettings(): Promise<Settings> {
  // Merge over defaults so a field added later has a value for old installs.
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
