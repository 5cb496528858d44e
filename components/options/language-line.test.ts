import { expect, test } from 'vitest';
import { languageLine } from './SourcePreviewView';

test.each([
  ['es', null, 'Spanish'],
  [null, 'pt', 'Portuguese (guessed from the text)'],
  [null, null, 'not given, and not clear from the text'],
  ['not a tag!', null, 'not a tag!'],
])('language %s, guessed %s: "%s"', (language, guessedLanguage, line) => {
  expect(languageLine({ language, guessedLanguage })).toBe(line);
});
