import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/components/options/Message';
import type { Settings } from '@/lib/protocol';
import type { Shortcuts, WelcomeApi } from './api';
import { type BuiltInStory, builtInStory, listWords } from './built-in';

/**
 * The page opened once, on install: what Crosscheck does, that it stays local, how to try it at
 * once on the built-in story, and how to follow one's own. Everything here is an extension page:
 * no web page can load or read it.
 */
export function WelcomeApp({ api }: { api: WelcomeApi }) {
  const [story, setStory] = useState<BuiltInStory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [keys, setKeys] = useState<Shortcuts | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    api.send('listSources', {}).then(
      (sources) => setStory(builtInStory(sources)),
      (e: unknown) => setError(errorText(e)),
    );
    api.shortcuts().then(setKeys, () => setKeys({ shortcuts: [], suggested: [] }));
    void api.getSettings().then(setSettings);
    return api.watchSettings(setSettings);
  }, [api]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  return (
    <main class="options welcome">
      <header>
        <h1>Welcome to Crosscheck</h1>
        <p class="lead">
          Crosscheck reads the news with you. On a news page it underlines the people, places and
          organizations your sources name: rest the pointer on one to see what each outlet says
          about it. The Crosscheck button in the toolbar shows where the outlets differ: figures,
          dates, what something is called, how someone is described, who said what.
        </p>
      </header>

      <section class="card" aria-labelledby="local-h">
        <h2 id="local-h">Your sources stay on this computer</h2>
        <p>
          Crosscheck compares a page with the articles you give it, kept in this browser. There is
          no account and no server, and nothing is sent while you read; the pages you visit cannot
          see what Crosscheck knows. It goes online only to download an article you ask it to add,
          after asking your permission for that site.
        </p>
      </section>

      <section class="card" aria-labelledby="try-h" data-testid="welcome-try">
        <h2 id="try-h">Try it now</h2>
        <TryIt story={story} error={error} />
      </section>

      <section class="card" aria-labelledby="own-h" data-testid="welcome-own">
        <h2 id="own-h">Follow a story of your own</h2>
        <p>
          Crosscheck knows only what your sources say: on a page about another story, little is
          underlined. Add three or more articles from different outlets on a story you follow, and
          its pages light up. Each article is shown to you before it is saved.
        </p>
        <ul class="ways">
          <li>
            <strong>The page you are reading:</strong> click the Crosscheck button in the toolbar,
            then “Add this page as a source”. Pin the button from your browser’s extensions menu
            (the puzzle piece) to keep it in sight.
          </li>
          <li>
            <strong>A web address:</strong>{' '}
            <a href="/options.html#add-url">add an article by its address</a>.
          </li>
          <li>
            <strong>Pasted text:</strong> for an article behind a paywall or in a document,{' '}
            <a href="/options.html#add-paste">paste its text</a>.
          </li>
        </ul>
      </section>

      <section class="card" aria-labelledby="keys-h">
        <h2 id="keys-h">From the keyboard</h2>
        <p data-testid="welcome-keys">
          {keys === null
            ? 'Reading your shortcuts…'
            : keys.shortcuts.length === 2
              ? `${keys.shortcuts[0]} and ${keys.shortcuts[1]} go to the next and previous underlined name and open its card; Esc closes it.`
              : `Crosscheck suggests ${listWords(keys.suggested)} to go to the next and previous underlined name, but your browser has not given it ${keys.suggested.length === 1 ? 'that key' : 'those keys'} (another extension may have them): choose keys in your browser’s extension shortcut settings. Esc closes a card.`}
        </p>
      </section>

      <p class="muted">
        Everything else (your sources, corrections, backups, reading settings) is in the{' '}
        <a href="/options.html">options</a>, where this page can be opened again.
      </p>
    </main>
  );
}

/** The built-in story: which outlets, and its articles a reader can open now. */
function TryIt({ story, error }: { story: BuiltInStory | null; error: string | null }) {
  if (error) return <p class="note error">The built-in articles could not be read: {error}</p>;
  if (!story) return <p aria-busy="true">Reading the built-in articles…</p>;
  if (story.count === 0)
    return (
      <p>
        The built-in articles are switched off or removed. “Reset to the built-in sources” in the{' '}
        <a href="/options.html">options</a> brings them back.
      </p>
    );
  return (
    <>
      <p>
        Crosscheck comes with {story.count === 1 ? 'one article' : `${story.count} articles`} on one
        story, from {outletsText(story)}.{' '}
        {story.articles.length
          ? `Open ${story.articles.length === 1 ? 'it' : 'one of them'} on its outlet’s site, rest the pointer on an underlined name, then click the Crosscheck button:`
          : 'Open a news page on that story to see its names underlined.'}
      </p>
      {story.articles.length ? (
        <ul class="try-list" data-testid="welcome-articles">
          {story.articles.map((a) => (
            <li key={a.id}>
              {/* A new tab, and no referrer: the outlet's page learns nothing of this one. */}
              <a href={a.href} target="_blank" rel="noopener noreferrer">
                {a.title}
              </a>{' '}
              <span class="muted">{a.outlet}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** "A, B and C", "A, B and an outlet it does not name", "outlets they do not name". */
function outletsText(story: BuiltInStory): string {
  const unnamed =
    story.unnamed === 0
      ? []
      : [story.unnamed === 1 ? 'one that names no outlet' : `${story.unnamed} that name no outlet`];
  return listWords([...story.outlets, ...unnamed]);
}
