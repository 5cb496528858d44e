import { describe, expect, test } from 'vitest';
import { checkBackupFile } from './backup';
import { LIMITS } from './intake/limits';

const MiB = 1024 * 1024;

describe('checkBackupFile: size and shape before the file is read', () => {
  test.each([
    ['a 50 MiB file', 50 * MiB, '{"format":"crosscheck-backup"', 'too-large'],
    ['one byte over the limit', LIMITS.maxBackupBytes + 1, '{', 'too-large'],
    ['an HTML page saved as .json', 2_000, '<!DOCTYPE html><html>', 'backup-not-json'],
    ['a JSON list, not an object', 2_000, '  [{"id":"user-1"}]', 'backup-not-json'],
    ['an empty file', 0, '', 'backup-not-json'],
  ])('%s is refused at once', (_, size, head, code) => {
    const checked = checkBackupFile(size, head);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem.code).toBe(code);
  });

  test.each([
    ['an export', 40_000, '{\n  "format": "crosscheck-backup",'],
    ['a file exactly at the limit', LIMITS.maxBackupBytes, ' {'],
  ])('%s goes on to be read and parsed', (_, size, head) => {
    expect(checkBackupFile(size, head)).toEqual({ ok: true, value: null });
  });
});
