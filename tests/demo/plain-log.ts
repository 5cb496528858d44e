/**
 * A build's output made fit for a log file: a spinner redraws its line with carriage returns and
 * terminal escape codes (WXT's has no switch to turn it off), which a log shows as garbage. Each
 * line keeps what a terminal would finally show: the text after its last carriage return, with
 * escape codes removed; lines left empty are dropped.
 */
import { spawn } from 'node:child_process';

/** CSI sequences ("\x1b[K", "\x1b[?25l", colours) and two-character escapes. */
const ESCAPES = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])/g;

/** One finished line (no "\n") as a terminal would leave it, or null if nothing is left. */
export function plainLine(line: string): string | null {
  const clean = line.replace(ESCAPES, '');
  const last = clean.slice(clean.lastIndexOf('\r') + 1).trimEnd();
  return last.trim() === '' ? null : last;
}

/** Feeds chunks of output; calls `write` with plain lines as they are finished. */
export function plainLog(write: (line: string) => void): {
  push(chunk: string): void;
  end(): void;
} {
  let buffer = '';
  const emit = (line: string) => {
    const plain = plainLine(line);
    if (plain !== null) write(plain);
  };
  return {
    push(chunk) {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        emit(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
    },
    end() {
      if (buffer) emit(buffer);
      buffer = '';
    },
  };
}

/**
 * Runs a command; on a terminal its output goes straight through, otherwise (a log, a pipe)
 * line by line through `plainLog`. Resolves with its exit code.
 */
export function runForLog(command: string, args: string[]): Promise<number> {
  const tty = process.stdout.isTTY === true;
  const child = spawn(command, args, {
    stdio: tty ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    // No colours in a log.
    env: tty ? process.env : { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (!tty) {
    const out = plainLog((line) => process.stdout.write(`${line}\n`));
    const err = plainLog((line) => process.stderr.write(`${line}\n`));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => err.push(c));
    child.on('close', () => {
      out.end();
      err.end();
    });
  }
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
}
