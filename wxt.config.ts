import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildSeedBundle } from './lib/node/seeds';

// The seed corpus is processed once per build into a bundled index (design note: build-time index).
const SEED_DIR = new URL('./seeds/', import.meta.url);

const EXTENSION_PAGES_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sites the options page may ask for, one at a time, when the reader adds a page by URL. */
const ARTICLE_ORIGINS = ['http://*/*', 'https://*/*'];

export default defineConfig({
  // Separate output folders let parallel test runs build without clobbering each other.
  outDir: process.env.CROSSCHECK_OUT_DIR ?? '.output',
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Crosscheck',
    description:
      'See what other outlets say about the people, places and organizations in the news you read. Local, private.',
    permissions: ['storage', 'activeTab', 'scripting'],
    // MV2 (the Firefox build) lists optional host patterns among optional permissions: WXT drops
    // the MV3 key there, and a site not declared cannot be asked for.
    ...(manifestVersion === 2
      ? { optional_permissions: ARTICLE_ORIGINS }
      : { optional_host_permissions: ARTICLE_ORIGINS }),
    // Extension pages run only our own scripts; the options page may fetch the article a reader
    // asks for (http/https), nothing else loads from outside.
    content_security_policy:
      browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: 'Crosscheck', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next underlined name on the page and open its card',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Go to the previous underlined name on the page and open its card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'crosscheck@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from version 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    // Readable names in CPU profiles (tests/bench/profile-page.ts); shipped builds are minified.
    ...(process.env.CROSSCHECK_NO_MINIFY === '1' ? { build: { minify: false } } : {}),
    ...(process.env.CROSSCHECK_SOURCEMAP === '1' ? { build: { sourcemap: true } } : {}),
    resolve: {
      // WXT's content-script context announces itself to the page and obeys a forgeable page
      // event; ours does neither (see the file).
      alias: {
        'wxt/utils/content-script-context': fileURLToPath(
          new URL('./entrypoints/content/context.ts', import.meta.url),
        ),
      },
    },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      const bundle = buildSeedBundle(SEED_DIR);
      files.push(
        { relativeDest: 'corpus-index.json', contents: JSON.stringify(bundle) },
        // Lets a waking service worker see that nothing changed without parsing the bundle.
        {
          relativeDest: 'corpus-version.json',
          contents: JSON.stringify({ version: bundle.version }),
        },
      );
    },
  },
});
