import { describe, expect, test } from 'vitest';
import { progressText, readProgress } from './progress';

describe('progress messages from the background', () => {
  test.each([
    [
      { type: 'progress', operation: 'importBackup', stage: 'preparing', done: 0, total: 6 },
      'Preparing 1 of 6…',
    ],
    [
      { type: 'progress', operation: 'importBackup', stage: 'preparing', done: 1, total: 6 },
      'Preparing 2 of 6…',
    ],
    [
      { type: 'progress', operation: 'addSource', stage: 'preparing', done: 0, total: 1 },
      'Preparing 1 of 1…',
    ],
    [
      { type: 'progress', operation: 'importBackup', stage: 'resolving', done: 6, total: 6 },
      'Linking names…',
    ],
    [{ type: 'progress', operation: 'addSource', stage: 'saving', done: 1, total: 1 }, 'Saving…'],
  ])('%o reads as %s', (message, text) => {
    const p = readProgress(message);
    expect(p).not.toBeNull();
    expect(progressText(p!)).toBe(text);
  });

  test.each([
    ['no type', { operation: 'importBackup', stage: 'saving', done: 1, total: 1 }],
    [
      'another type',
      { type: 'dictionary', operation: 'importBackup', stage: 'saving', done: 1, total: 1 },
    ],
    [
      'an unknown stage',
      { type: 'progress', operation: 'importBackup', stage: 'deleting', done: 1, total: 1 },
    ],
    [
      'an unknown operation',
      { type: 'progress', operation: 'resetCorpus', stage: 'saving', done: 1, total: 1 },
    ],
    [
      'more done than total',
      { type: 'progress', operation: 'importBackup', stage: 'preparing', done: 7, total: 6 },
    ],
    [
      'a negative count',
      { type: 'progress', operation: 'importBackup', stage: 'preparing', done: -1, total: 6 },
    ],
    [
      'text instead of a count',
      { type: 'progress', operation: 'importBackup', stage: 'preparing', done: '1', total: 6 },
    ],
    ['not an object', 'Saving…'],
  ])('a message with %s is ignored', (_, message) => {
    expect(readProgress(message)).toBeNull();
  });
});
