import { describe, expect, test } from 'vitest';
import { plainLine, plainLog } from '../demo/plain-log';

describe('a build log without spinner frames or escape codes', () => {
  test.each([
    [
      '\x1b[?25l\r\x1b[36m⠋\x1b[39m Preparing...\x1b[K\r\x1b[36m⠙\x1b[39m Preparing...\x1b[K',
      '⠙ Preparing...',
    ],
    ['\r\x1b[K\x1b[?25h', null],
    ['\x1b[32m✔\x1b[39m Built extension in 2.9 s', '✔ Built extension in 2.9 s'],
    [
      '  ├─ .output/chrome-mv3/manifest.json   1.2 kB',
      '  ├─ .output/chrome-mv3/manifest.json   1.2 kB',
    ],
    ['', null],
  ])('%j -> %j', (line, plain) => {
    expect(plainLine(line)).toBe(plain);
  });

  test('lines split across chunks come out whole, in order, each once', () => {
    const lines: string[] = [];
    const log = plainLog((l) => lines.push(l));
    log.push('\x1b[?25l\r⠋ Prep');
    log.push('aring...\x1b[K\r\x1b[K\x1b[?25hWXT 0.21\nBuilding');
    log.push(' for chrome\n');
    log.push('done');
    log.end();
    expect(lines).toEqual(['WXT 0.21', 'Building for chrome', 'done']);
    expect(lines.join('\n')).not.toMatch(/\x1b|\r/);
  });
});
