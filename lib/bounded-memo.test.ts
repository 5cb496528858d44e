import { describe, expect, test } from 'vitest';
import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  test('computes each string once while it is remembered, and again after the memory is full', () => {
    const asked: string[] = [];
    const length = boundedMemo(2, (s) => {
      asked.push(s);
      return s.length;
    });
    expect([length('ab'), length('ab'), length('abc'), length('ab')]).toEqual([2, 2, 3, 2]);
    expect(asked).toEqual(['ab', 'abc']);
    length('abcd'); // the third answer: the memory starts afresh
    expect(length('ab')).toBe(2);
    expect(asked).toEqual(['ab', 'abc', 'abcd', 'ab']);
  });

  test('remembers an answer that is null', () => {
    let calls = 0;
    const none = boundedMemo(10, () => {
      calls++;
      return null;
    });
    expect([none('x'), none('x')]).toEqual([null, null]);
    expect(calls).toBe(1);
  });
});
