/**
 * The popup's early read of its kept answers: the read the early script started is the one the
 * main script takes (the database is opened once), and only once; one that loads after the
 * main script read reads nothing.
 */
import { IDBFactory } from 'fake-indexeddb';
import { expect, test, vi } from 'vitest';
import { startEarlyRead, takeEarlyRead } from './snapshot';

test('the main script takes the early read, once; without one it reads itself', async () => {
  const factory = new IDBFactory();
  const open = vi.spyOn(factory, 'open');
  void startEarlyRead(factory);
  expect(open).toHaveBeenCalledTimes(1);
  // No database yet: nothing kept, and none created (that is the worker's).
  await expect(takeEarlyRead(factory)).resolves.toBeNull();
  expect(open).toHaveBeenCalledTimes(1);
  await expect(takeEarlyRead(factory)).resolves.toBeNull();
  expect(open).toHaveBeenCalledTimes(2);
  // An early script that loads after the main script read does not read again.
  expect(startEarlyRead(factory)).toBeNull();
  expect(open).toHaveBeenCalledTimes(2);
  expect(await factory.databases()).toEqual([]);
});
