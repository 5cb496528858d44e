/** What most specs share: Chromium with the built extension, and the fixture pages' server. */
import { type ExtensionSession, launchWithExtension } from './browser';
import { type FixtureServer, startFixtureServer } from './page-fixtures';

export interface Harness {
  session: ExtensionSession;
  server: FixtureServer;
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const session = await launchWithExtension();
  const server = await startFixtureServer();
  return {
    session,
    server,
    async close() {
      await session.context.close();
      await server.close();
    },
  };
}
