import { useState } from 'preact/hooks';
import { BACKUP_HEAD_BYTES, backupFileName, checkBackupFile, createBackup } from '@/lib/backup';
import { codeOf, orThrow } from '@/lib/problems';
import type { OptionsApi } from './api';
import { errorNote, Message, type Note } from './Message';
import { ProgressStatus, useProgress } from './Progress';
import type { ImportPreview } from '@/lib/protocol';

export interface BackupPanelProps {
  api: OptionsApi;
  userSources: number;
  onChanged: () => void;
}

/** Export to one versioned JSON file, import it back (validated, previewed), reset to seeds. */
export function BackupPanel({ api, userSources, onChanged }: BackupPanelProps) {
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{
    text: string;
    name: string;
    preview: ImportPreview;
  } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const progress = useProgress(api, 'importBackup');

  function run(task: () => Promise<string | null>) {
    setBusy(true);
    setNote(null);
    task()
      .then((text) => text && setNote({ kind: 'ok', text }))
      .catch((e) => setNote(errorNote(e)))
      .finally(() => setBusy(false));
  }

  function onExport() {
    run(async () => {
      const [{ sources }, settings, { corrections }] = await Promise.all([
        api.send('exportSources', {}),
        api.getSettings(),
        api.send('listCorrections', {}),
      ]);
      const backup = createBackup(sources, settings, new Date(), corrections);
      const blob = new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = backupFileName();
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      const fixes = backup.corrections.length;
      return `Exported ${backup.sources.length} added source${backup.sources.length === 1 ? '' : 's'}, ${fixes} correction${fixes === 1 ? '' : 's'} and your settings.`;
    });
  }

  function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setPending(null);
    run(async () => {
      // Size and shape first, from the file's size and its first bytes: a huge or foreign
      // file is refused without being read whole.
      const head = await file.slice(0, BACKUP_HEAD_BYTES).text();
      orThrow(checkBackupFile(file.size, head));
      const text = await file.text();
      const preview = await api.send('previewImport', { text });
      setPending({ text, name: file.name, preview });
      return null;
    });
  }

  function onImport() {
    if (!pending) return;
    const { text, preview } = pending;
    run(async () => {
      const result = await progress
        .track(() => api.send('importBackup', { text }))
        .catch(async (e: unknown) => {
          // Saved, though the answer was cut off: the backup's settings (known from the
          // preview) go with its sources, as after an answer.
          if (codeOf(e) === 'saved-unanswered') {
            await api.setSettings(preview.settings);
            setPending(null);
          }
          throw e;
        });
      await api.setSettings(result.settings);
      setPending(null);
      onChanged();
      return `Imported ${result.added} source${result.added === 1 ? '' : 's'}${result.skipped ? ` (${result.skipped} already present, skipped)` : ''} and the settings.`;
    });
  }

  function onReset() {
    setConfirmReset(false);
    run(async () => {
      const { sources } = await api.send('resetCorpus', {});
      onChanged();
      return `Back to the ${sources} built-in sources.`;
    });
  }

  return (
    <section aria-labelledby="backup-heading" class="card">
      <h2 id="backup-heading">Backup and reset</h2>
      <div class="actions">
        <button type="button" onClick={onExport} disabled={busy}>
          Export sources and settings
        </button>
        <label class="button">
          Import a backup…
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            aria-label="Import a backup file"
            onChange={onFile}
            disabled={busy}
          />
        </label>
        {confirmReset ? (
          <span class="confirm" role="group" aria-label="Confirm reset">
            Remove all {userSources} added source{userSources === 1 ? '' : 's'} and switch every
            built-in source back on?{' '}
            <button type="button" class="danger" onClick={onReset} disabled={busy}>
              Yes, reset
            </button>{' '}
            <button type="button" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="danger"
            onClick={() => setConfirmReset(true)}
            disabled={busy}
          >
            Reset to the built-in sources…
          </button>
        )}
      </div>
      <ProgressStatus text={progress.text} />
      <Message note={note} />
      {pending ? (
        <div class="preview" aria-label="Import preview">
          <h3>Import “{pending.name}”</h3>
          <p>
            {pending.preview.add.length} source{pending.preview.add.length === 1 ? '' : 's'} to add
            {pending.preview.skip.length
              ? `, ${pending.preview.skip.length} already present (skipped)`
              : ''}
            ; your settings will be replaced by the file's.
            {pending.preview.exportedAt
              ? ` Exported ${pending.preview.exportedAt.slice(0, 10)}.`
              : ''}
          </p>
          <ul>
            {pending.preview.add.map((s) => (
              <li key={s.id}>
                {s.title ?? 'Untitled'} <span class="muted">{s.outlet ?? ''}</span>
              </li>
            ))}
            {pending.preview.skip.map((s) => (
              <li key={s.id} class="muted">
                {s.title ?? 'Untitled'}: {s.reason}
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="primary" onClick={onImport} disabled={busy}>
              Import
            </button>
            <button type="button" onClick={() => setPending(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
