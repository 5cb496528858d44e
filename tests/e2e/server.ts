import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  /** Register an in-memory route (path -> handler) for generated pages and error cases. */
  route(
    path: string,
    body: string | Buffer,
    init?: { status?: number; type?: string; delayMs?: number },
  ): void;
  close(): Promise<void>;
}

/** Serves a folder (and in-memory routes) on 127.0.0.1 with a random port. */
export async function startServer(root: string): Promise<StaticServer> {
  const routes = new Map<
    string,
    { body: string | Buffer; status: number; type: string; delayMs: number }
  >();
  const server: Server = createServer(
    (req, res) =>
      void (async () => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const r = routes.get(path);
        if (r) {
          if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
          res.writeHead(r.status, { 'content-type': r.type });
          res.end(r.body);
          return;
        }
        const file = normalize(join(root, path));
        if (!file.startsWith(normalize(root))) {
          res.writeHead(403).end();
          return;
        }
        try {
          if (!(await stat(file)).isFile()) throw new Error('not a file');
          res.writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          });
          res.end(await readFile(file));
        } catch {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
      })(),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    route(path, body, init = {}) {
      routes.set(path, {
        body,
        status: init.status ?? 200,
        type: init.type ?? 'text/html; charset=utf-8',
        delayMs: init.delayMs ?? 0,
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
