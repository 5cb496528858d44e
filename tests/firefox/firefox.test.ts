/**
 * The real Firefox build in Debian's Firefox ESR: a seed article in a real page gets its names
 * underlined, and a real pointer resting on a name opens its card.
 *
 * Firefox is driven over WebDriver BiDi (puppeteer-core launches it; there is no geckodriver),
 * and the extension is installed as a temporary add-on with BiDi `webExtension.install`.
 *
 * What the extension draws lives in a closed shadow root, and Firefox's BiDi lists no realm for a
 * content script, so its probe (`globalThis.__crosscheck`) is out of reach. BiDi serializes
 * closed shadow roots when asked (`includeShadowTree: "all"`), though, and a serialized node's
 * `sharedId` can be passed back as an argument: the test reads the underline boxes and the card
 * themselves, from a BiDi sandbox (its own view of the DOM, which page scripts cannot tamper
 * with). The pointer is real: BiDi input actions are trusted events, and the extension ignores
 * any other kind.
 *
 * Run with `npm run test:firefox` (builds the Firefox extension first). Skips, saying why, when
 * Firefox ESR is not installed (`apt-get install -y firefox-esr`).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { type FixtureServer, startFixtureServer } from '../e2e/page-fixtures';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = resolve(process.env.CROSSCHECK_OUT_DIR ?? '.output', 'firefox-mv2');
const SEED = '004_c93d6edeff217837.txt';
/** The seed's second paragraph, and names in it that the extension underlines. */
const PARAGRAPH = 'In the first high-level visit';
const NAMES = ['Kristi Noem', 'Gustavo Petro', 'Laura Sarabia', 'Bogotá'];

// ---------------------------------------------------------------------------------------------
// A little WebDriver BiDi, over puppeteer's own connection to Firefox

interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}
type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/** Puppeteer talks BiDi to Firefox; its connection is not in the public types. */
function bidiOf(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('puppeteer did not connect over WebDriver BiDi');
  return connection;
}

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e; // a navigation in flight replaces the realm: try again
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** One tab, seen from a BiDi sandbox (the page's scripts cannot reach or patch it). */
class Tab {
  constructor(
    private readonly bidi: BidiConnection,
    readonly context: string,
  ) {}

  static async open(bidi: BidiConnection): Promise<Tab> {
    const { result } = await bidi.send('browsingContext.create', { type: 'tab' });
    return new Tab(bidi, (result as { context: string }).context);
  }

  /**
   * Starts loading `url` without waiting for it: the tests wait for what the extension does.
   * (Waiting for "complete" fails in Firefox 140 when one of the page's iframes ends on an error
   * page, as the blocked ad frames of the real pages do: "Address rejected".)
   */
  async goto(url: string): Promise<void> {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'none' });
  }

  private async call(fn: string, args: object[], serialization?: object): Promise<RemoteValue> {
    const { result } = await this.bidi.send('script.callFunction', {
      target: { context: this.context, sandbox: 'crosscheck-test' },
      // tsx names functions with an `__name` helper the page does not have.
      functionDeclaration: `function (...args) { const __name = (f) => f; return (${fn}).apply(null, args); }`,
      arguments: args,
      awaitPromise: true,
      resultOwnership: 'none',
      ...(serialization ? { serializationOptions: serialization } : {}),
    });
    const r = result as EvaluateResult;
    if (r.type === 'exception') throw new Error(r.exceptionDetails.text);
    return r.result;
  }

  /** Runs `fn(arg)` in the tab; the result travels as JSON. */
  async evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> {
    const json = await this.call(`(arg) => JSON.stringify((${fn.toString()})(JSON.parse(arg)))`, [
      { type: 'string', value: JSON.stringify(arg) },
    ]).then((v) => v.value as string | undefined);
    return JSON.parse(json ?? 'null') as R;
  }

  /** Crosscheck's closed shadow root in this tab, once its one element is on the page. */
  async uiRoot(): Promise<string | undefined> {
    const host = await this.call(
      `() => [...document.documentElement.children].find((e) => e.localName === 'div' && (e.getAttribute('style') ?? '').includes('2147483647')) ?? null`,
      [],
      { maxDomDepth: 0, includeShadowTree: 'all' },
    );
    const root = (host.value as { shadowRoot?: RemoteValue | null } | undefined)?.shadowRoot;
    // Ours is closed: the page gets null from host.shadowRoot.
    const mode = (root?.value as { mode?: string } | undefined)?.mode;
    return mode === 'closed' ? root?.sharedId : undefined;
  }

  /** Runs `fn(root, arg)` with Crosscheck's closed shadow root; the result travels as JSON. */
  async inUi<R, A>(fn: (root: ShadowRoot, arg: A) => R, arg: A): Promise<R> {
    const root = await this.uiRoot();
    if (!root) throw new Error('Crosscheck has not added its element to the page');
    const value = await this.call(
      `(root, arg) => JSON.stringify((${fn.toString()})(root, JSON.parse(arg)))`,
      [{ sharedId: root }, { type: 'string', value: JSON.stringify(arg) }],
    );
    return JSON.parse((value.value as string | undefined) ?? 'null') as R;
  }

  /** Real pointer input (trusted events), in viewport coordinates. */
  async pointerMoves(points: Array<{ x: number; y: number }>): Promise<void> {
    await this.bidi.send('input.performActions', {
      context: this.context,
      actions: [
        {
          type: 'pointer',
          id: 'crosscheck-mouse',
          parameters: { pointerType: 'mouse' },
          actions: points.map((p) => ({
            type: 'pointerMove',
            x: Math.round(p.x),
            y: Math.round(p.y),
            duration: 50,
          })),
        },
      ],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// What the page shows, read from the tab

interface NameOnPage {
  name: string;
  /** Every line box of the name has an underline box over it. */
  underlined: boolean;
  /** Viewport centre of the name's first line box. */
  x: number;
  y: number;
}

/** Where the names are in the paragraph, and whether underline boxes cover them. */
function namesUnder(root: ShadowRoot, arg: { paragraph: string; names: string[] }): NameOnPage[] {
  const para = [...document.querySelectorAll('[data-seeded] p')].find((p) =>
    (p.textContent ?? '').startsWith(arg.paragraph),
  );
  const text = para?.firstChild;
  if (!(text instanceof Text)) return [];
  const boxes = [...root.querySelectorAll('.u')].map((u) => u.getBoundingClientRect());
  return arg.names.map((name) => {
    const start = text.data.indexOf(name);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + name.length);
    const lines = [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
    const covered = (r: DOMRect) =>
      boxes.some(
        (b) =>
          Math.abs(b.left - r.left) <= 1.5 &&
          Math.abs(b.top - r.top) <= 1.5 &&
          Math.abs(b.width - r.width) <= 1.5 &&
          Math.abs(b.height - r.height) <= 1.5,
      );
    const first = lines[0];
    return {
      name,
      underlined: lines.length > 0 && lines.every(covered),
      x: first ? first.left + first.width / 2 : -1,
      y: first ? first.top + first.height / 2 : -1,
    };
  });
}

interface CardOnPage {
  title: string;
  text: string;
}

function cardIn(root: ShadowRoot): CardOnPage | null {
  const card = root.querySelector('[role="dialog"]');
  if (!card) return null;
  return { title: card.querySelector('h2')?.textContent ?? '', text: card.textContent ?? '' };
}

// ---------------------------------------------------------------------------------------------

const skip = existsSync(FIREFOX)
  ? false
  : `${FIREFOX} is missing (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;
if (skip) console.log(`SKIPPED the Firefox test: ${skip}`);

let browser: Browser | undefined;
let server: FixtureServer | undefined;

before(async () => {
  if (skip) return;
  const manifestPath = resolve(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`No Firefox build in ${EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
  server = await startFixtureServer();
  // Every host but the fixture server's is refused by a proxy that is not there.
  const pac = `function FindProxyForURL(url, host) { return host === '127.0.0.1' ? 'DIRECT' : 'PROXY 127.0.0.1:9'; }`;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    timeout: 60_000,
    extraPrefsFirefox: {
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:text/plain,${encodeURIComponent(pac)}`,
      'network.proxy.failover_direct': false,
    },
  });
  // The manifest asks for a minimum Firefox; an older one would refuse the add-on.
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { strict_min_version?: string } };
  };
  const wanted = manifest.browser_specific_settings?.gecko?.strict_min_version ?? '0';
  const version = (await browser.version()).replace(/^firefox\//i, '');
  console.log(`Firefox ${version}; the manifest asks for ${wanted} or newer`);
  assert.ok(
    Number.parseFloat(version) >= Number.parseFloat(wanted),
    `Firefox ${version} is older than the manifest's strict_min_version ${wanted}`,
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
});

void test(
  'Firefox: names in a seed article are underlined, and a real hover opens the card',
  { skip },
  async () => {
    const started = Date.now();
    const bidi = bidiOf(browser!);
    const id = await browser!.installExtension(EXTENSION_DIR);
    assert.equal(id, 'crosscheck@example.org');
    // The install opens the welcome page in a tab of its own, in front: it is closed first, so
    // the article's tab is the one in front, as a reader's would be.
    const welcome = await waitFor('the welcome tab', async () => {
      const { result } = await bidi.send('browsingContext.getTree', { maxDepth: 0 });
      const tabs = (result as { contexts: Array<{ context: string; url: string }> }).contexts;
      return tabs.find((t) => /^moz-extension:\/\/[^/]+\/welcome\.html$/.test(t.url));
    });
    await bidi.send('browsingContext.close', { context: welcome.context });
    console.log(`welcome page opened on install: ${welcome.url.replace(/^.*\//, '')}`);

    const tab = await Tab.open(bidi);
    await tab.goto(server!.seeded('bbc-1', SEED));

    // The article's second paragraph, mid-screen. The article sits screens below the top of
    // the page, and underlines are drawn only near the viewport (Crosscheck adds its element to
    // the page with the first one), so the paragraph is brought into view first. The page may
    // still be loading, and go back to its top when it has loaded: it is brought into view again
    // at every look.
    const showParagraph = () =>
      tab.evaluate((paragraph) => {
        const para = [...document.querySelectorAll('[data-seeded] p')].find((p) =>
          (p.textContent ?? '').startsWith(paragraph),
        );
        const r = para?.getBoundingClientRect();
        if (para && r && (r.top < 0 || r.bottom > innerHeight))
          para.scrollIntoView({ block: 'center' });
      }, PARAGRAPH);
    // The content script ran: its element (with a closed shadow root) is on the page.
    await waitFor('Crosscheck on the page', async () => {
      await showParagraph();
      return tab.uiRoot();
    });
    // The names of that paragraph, each under an underline box.
    const names = await waitFor('underlines under ' + NAMES.join(', '), async () => {
      await showParagraph();
      const found = await tab.inUi(namesUnder, { paragraph: PARAGRAPH, names: NAMES });
      return found.length === NAMES.length && found.every((n) => n.underlined) ? found : undefined;
    });
    const boxes = await tab.inUi((root) => root.querySelectorAll('.u').length, null);
    console.log(
      `${boxes} underline boxes drawn; underlined: ${names.map((n) => n.name).join(', ')}`,
    );

    // A real pointer comes to rest on a name: its card opens.
    const sarabia = names.find((n) => n.name === 'Laura Sarabia')!;
    await tab.pointerMoves([
      { x: 2, y: 2 },
      { x: sarabia.x - 20, y: sarabia.y },
      { x: sarabia.x, y: sarabia.y },
    ]);
    const card = await waitFor('the card of Laura Sarabia', async () => {
      const c = await tab.inUi(cardIn, null);
      // Loaded: its key sentences show, or (a cramped card) wait under "More".
      const loaded = c?.text.includes('What the sources say') || c?.text.includes('More sentences');
      return c && c.title === 'Laura Sarabia' && loaded ? c : undefined;
    });
    console.log(`card: ${card.title}: ${card.text.slice(0, 120)}…`);

    // The pointer leaves the name and the card: the card closes.
    await tab.pointerMoves([{ x: 2, y: 2 }]);
    await waitFor('the card to close', async () =>
      (await tab.inUi(cardIn, null)) === null ? true : undefined,
    );
    console.log(`Firefox test done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
);
