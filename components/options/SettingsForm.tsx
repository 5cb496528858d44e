import { useEffect, useState } from 'preact/hooks';
import { checkSettings } from '@/lib/backup';
import { ENTITY_TYPES } from '@/lib/types';
import { Message, type Note } from './Message';
import type { Settings } from '@/lib/protocol';

export interface SettingsFormProps {
  settings: Settings;
  onChange: (s: Settings) => Promise<void>;
}

const TYPE_LABELS: Record<string, string> = {
  person: 'People',
  organization: 'Organizations',
  place: 'Places',
  facility: 'Facilities',
  law: 'Laws',
  agreement: 'Agreements',
  group: 'Groups',
  other: 'Other names',
};

/** "https://www.example.com/x" or "example.com" -> "example.com"; null when not a site. */
function toHost(line: string): string | null {
  const t = line.trim().toLowerCase();
  if (!t) return null;
  try {
    return new URL(/^[a-z]+:\/\//.test(t) ? t : `https://${t}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function SiteList({
  label,
  id,
  hosts,
  onSave,
}: {
  label: string;
  id: string;
  hosts: string[];
  onSave: (hosts: string[]) => void;
}) {
  const [text, setText] = useState(hosts.join('\n'));
  useEffect(() => setText(hosts.join('\n')), [hosts]);
  return (
    <label for={id} class="block">
      {label}
      <textarea
        id={id}
        rows={3}
        placeholder="example.com"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={() => {
          const lines = text.split(/[\n,]+/).filter((l) => l.trim());
          const parsed = lines.map(toHost);
          onSave(parsed.every((h) => h) ? [...new Set(parsed as string[])] : lines);
        }}
      />
    </label>
  );
}

/** Reader preferences; each change is validated and stored at once. */
export function SettingsForm({ settings, onChange }: SettingsFormProps) {
  const [note, setNote] = useState<Note | null>(null);
  const save = (patch: Partial<Settings>) => {
    const checked = checkSettings({ ...settings, ...patch });
    if (!checked.ok) {
      setNote({ kind: 'error', text: checked.problem.message.replace(/^Settings: /, '') });
      return;
    }
    setNote(null);
    void onChange(checked.value).then(() => setNote({ kind: 'ok', text: 'Saved.' }));
  };
  return (
    <section aria-labelledby="settings-heading" class="card">
      <h2 id="settings-heading">Reading settings</h2>
      <div class="grid">
        <label>
          Hover delay before a card opens (milliseconds)
          <input
            type="number"
            min={0}
            max={5000}
            step={50}
            value={settings.hoverDelayMs}
            onChange={(e) => save({ hoverDelayMs: Number(e.currentTarget.value) })}
          />
        </label>
        <label>
          Highlight style
          <select
            value={settings.highlightStyle}
            onChange={(e) =>
              save({ highlightStyle: e.currentTarget.value as Settings['highlightStyle'] })
            }
          >
            <option value="dotted">Dotted underline</option>
            <option value="solid">Solid underline</option>
            <option value="background">Tinted background</option>
            <option value="none">None (cards still open)</option>
          </select>
        </label>
        <label>
          Appearance
          <select
            value={settings.theme}
            onChange={(e) => save({ theme: e.currentTarget.value as Settings['theme'] })}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Underline</legend>
        <div class="checks">
          {ENTITY_TYPES.map((t) => (
            <label key={t} class="check">
              <input
                type="checkbox"
                checked={settings.types.includes(t)}
                onChange={(e) =>
                  save({
                    types: e.currentTarget.checked
                      ? [...settings.types, t]
                      : settings.types.filter((x) => x !== t),
                  })
                }
              />
              {TYPE_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Which mentions</legend>
        <label class="check">
          <input
            type="radio"
            name="mentions"
            checked={settings.mentions === 'all'}
            onChange={() => save({ mentions: 'all' })}
          />
          Every mention
        </label>
        <label class="check">
          <input
            type="radio"
            name="mentions"
            checked={settings.mentions === 'first-per-paragraph'}
            onChange={() => save({ mentions: 'first-per-paragraph' })}
          />
          The first of each name per paragraph
        </label>
      </fieldset>
      <fieldset>
        <legend>Where</legend>
        <label class="check">
          <input
            type="radio"
            name="scope"
            checked={settings.scope === 'article'}
            onChange={() => save({ scope: 'article' })}
          />
          In the article's text (not menus, captions or lists of other stories)
        </label>
        <label class="check">
          <input
            type="radio"
            name="scope"
            checked={settings.scope === 'page'}
            onChange={() => save({ scope: 'page' })}
          />
          Anywhere on the page
        </label>
      </fieldset>
      <div class="grid">
        <SiteList
          id="disabled-sites"
          label="Sites where Crosscheck is off (one per line)"
          hosts={settings.disabledSites}
          onSave={(disabledSites) => save({ disabledSites })}
        />
        <SiteList
          id="enabled-sites"
          label="Sites where it is always on"
          hosts={settings.enabledSites}
          onSave={(enabledSites) => save({ enabledSites })}
        />
      </div>
      <Message note={note} />
    </section>
  );
}
