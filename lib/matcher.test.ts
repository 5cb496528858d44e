import { describe, expect, test } from 'vitest';
import {
  compileAutomaton,
  compileMatcher,
  findInWindows,
  foldForMatching,
  matcherOf,
  packAutomaton,
  unpackAutomaton,
  PATTERN_FIRST_CAPITAL,
} from './matcher';

// A hand-made dictionary in the shape the background sends (aliases are surface forms).
const DICT: Array<[string, string]> = [
  ['Kristi Noem', 'noem'],
  ['Noem', 'noem'],
  ['Gustavo Petro', 'petro'],
  ['Petro', 'petro'],
  ['Laura Sarabia', 'sarabia'],
  ['Sarabia', 'sarabia'],
  ['Donald Trump', 'trump'],
  ['Trump', 'trump'],
  ['Terrorism Confinement Center', 'cecot'],
  ['CECOT', 'cecot'],
  ['Darién Gap', 'darien'],
  ['Darién', 'darien'],
  ['Bogotá', 'bogota'],
  ['El Salvador', 'salvador'],
  ['Colombia', 'colombia'],
  ['DHS', 'dhs'],
  ['Department of Homeland Security', 'dhs'],
  ['Homeland Security', 'dhs'],
  ['U.S.', 'us'],
  ['San Carlos Palace', 'palace'],
  ['fentanyl', 'fentanyl'],
  ['X', 'x'],
];
const matcher = compileMatcher(DICT);

function found(text: string): Array<[string, string]> {
  return matcher.find(text).map((m) => [text.slice(m.start, m.end), m.entityId]);
}

describe('foldForMatching', () => {
  test.each([
    ['Bogotá', 'bogota'],
    ['DARIÉN', 'darien'],
    ['Noem’s', "noem's"],
    ['Kristi \n\t Noem', 'kristi noem'],
    ['Darie\u0301n', 'darien'],
    ['soft\u00ADhyphen', 'softhyphen'],
    ['far–left', 'far-left'],
  ])('%j folds to %j', (input, expected) => {
    expect(foldForMatching(input)).toBe(expected);
  });
});

describe('matches in seed sentences', () => {
  test.each<[string, Array<[string, string]>]>([
    [
      'U.S. Homeland Security Secretary Kristi Noem visited Colombia on Thursday as part of a tour of three Latin American nations to discuss immigration, crime and deportation.',
      [
        ['U.S.', 'us'],
        ['Homeland Security', 'dhs'],
        ['Kristi Noem', 'noem'],
        ['Colombia', 'colombia'],
      ],
    ],
    [
      'Noem sat down Thursday morning with Colombian Foreign Minister Laura Sarabia, and said they had a “frank discussion and a candid discussion” about deportations, crime and immigration.',
      [
        ['Noem', 'noem'],
        ['Laura Sarabia', 'sarabia'],
      ],
    ],
    [
      'The DHS Secretary arrived in Bogotá after travelling to El Salvador, where she visited the Center for the Confinement of Terrorism (CECOT) “mega-prison” and met with President Nayib Bukele.',
      [
        ['DHS', 'dhs'],
        ['Bogotá', 'bogota'],
        ['El Salvador', 'salvador'],
        ['CECOT', 'cecot'],
      ],
    ],
    [
      'The flow of migrants through the Darien jungle along the border with Panama and record levels of coca cultivation in Colombia are already anticipated as other sources of tension between Bogotá and Washington, traditionally close allies.',
      [
        ['Darien', 'darien'],
        ['Colombia', 'colombia'],
        ['Bogotá', 'bogota'],
      ],
    ],
    [
      'The agenda is expected to focus on deportation policies, border security, and regional migration flows, particularly through the treacherous Darién Gap, a major transit point for migrants heading north.',
      [['Darién Gap', 'darien']],
    ],
    [
      'Before arriving in Bogotá, Noem will visit El Salvador, where she will tour the Terrorism Confinement Center (CECOT), a mega-prison designed to house criminal gang members under strict security measures.',
      [
        ['Bogotá', 'bogota'],
        ['Noem', 'noem'],
        ['El Salvador', 'salvador'],
        ['Terrorism Confinement Center', 'cecot'],
        ['CECOT', 'cecot'],
      ],
    ],
    [
      'While Noem and Petro’s meeting was conducted behind closed doors, unnamed Colombian presidential palace sources confirmed to',
      [
        ['Noem', 'noem'],
        ['Petro', 'petro'],
      ],
    ],
    [
      'Department of Homeland Security (DHS) Secretary Kristi Noem met with far-left President of Colombia Gustavo Petro and other local government officials in Bogotá on Thursday evening',
      [
        ['Department of Homeland Security', 'dhs'],
        ['DHS', 'dhs'],
        ['Kristi Noem', 'noem'],
        ['Colombia', 'colombia'],
        ['Gustavo Petro', 'petro'],
        ['Bogotá', 'bogota'],
      ],
    ],
  ])('%s', (sentence, expected) => {
    expect(found(sentence)).toEqual(expected);
  });
});

describe('folding, case and boundaries', () => {
  test.each<[string, string, Array<[string, string]>]>([
    ['accent-free spelling finds the accented alias', 'in BOGOTA today', [['BOGOTA', 'bogota']]],
    ['an acronym in title case', 'Cecot has become central', [['Cecot', 'cecot']]],
    ['an acronym in lower case is a word', 'cecot has become central', []],
    ['a short acronym needs its capitals', 'Dhs officials', []],
    ['a proper name is not a verb', 'He played his trump card.', []],
    [
      'a proper name in capitals (headline)',
      'TRUMP AND PETRO TALK',
      [
        ['TRUMP', 'trump'],
        ['PETRO', 'petro'],
      ],
    ],
    ['a name is not inside a longer word', 'petrochemical Petrobras Noemi', []],
    ['possessive keeps the name', 'Petro’s government', [['Petro', 'petro']]],
    [
      'hyphen is a boundary',
      'the Noem-Petro meeting',
      [
        ['Noem', 'noem'],
        ['Petro', 'petro'],
      ],
    ],
    ['line breaks inside a name', 'Kristi\n      Noem said', [['Kristi\n      Noem', 'noem']]],
    ['decomposed accents in the page', 'the Darie\u0301n Gap', [['Darie\u0301n Gap', 'darien']]],
    [
      'a lower-case alias matches any case',
      'Fentanyl and FENTANYL',
      [
        ['Fentanyl', 'fentanyl'],
        ['FENTANYL', 'fentanyl'],
      ],
    ],
    ['a one-letter alias is ignored', 'posted on X today', []],
    ['right-to-left text does not break', 'قال ترامب Petro في بوغوتا', [['Petro', 'petro']]],
    ['empty text', '', []],
  ])('%s', (_label, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('a short acronym beside words in capitals', () => {
  const short = compileMatcher([
    ['US', 'us'],
    ['U.S.', 'us'],
    ['DHS', 'dhs'],
    ['Colombia', 'colombia'],
  ]);
  test.each<[string, string[]]>([
    ['ABOUT US | CAREERS', []],
    ['JOIN US TODAY', []],
    ['SIGN UP: DHS NEWS', []],
    ['Colombia and the US signed a deal.', ['Colombia', 'US']],
    ['US, Colombia Boost Biometric Sharing on Migration, Security', ['US', 'Colombia']],
    ['DHS officials and US agents', ['DHS', 'US']],
    ['THE U.S. AND COLOMBIA', ['U.S.', 'COLOMBIA']],
    ['I US', ['US']],
  ])('%s', (text, expected) => {
    expect(short.find(text).map((m) => text.slice(m.start, m.end))).toEqual(expected);
  });
});

// Sentences from the real pages in tests/fixtures, where a known one-word name is part of
// another name the dictionary does not know.
describe('one-word names inside longer names (real page text)', () => {
  const m = compileMatcher([
    ['Donald Trump', 'trump'],
    ['Trump', 'trump'],
    ['Washington', 'washington'],
    ['Mexico', 'mexico'],
    ['Laura Sarabia', 'sarabia'],
    ['Laura', 'sarabia'],
    ['DHS', 'dhs'],
    ['U.S.', 'us'],
    ['Kristi Noem', 'noem'],
    ['Noem', 'noem'],
  ]);
  test.each<[string, string[]]>([
    ['This commenter is a Washington Post editor, reporter or producer.', []],
    ['© 1996-2015 The Washington Post', []],
    ['The Washington Post on MSN', []],
    ["An intimate look at Mexico City's retired (and very much alive) luchadores", []],
    ['Laura Miller', []],
    ['asked to dress Melania Trump quite a few years ago', []],
    ['In Washington, White House press secretary Josh Earnest said', ['Washington']],
    ['they did not know if Mr. Trump would stick with a policy', ['Trump']],
    ['President Trump said on Thursday', ['Trump']],
    ['As Trump Reaches Toward Putin, U.S. Troops Arrive in Poland', ['Trump', 'U.S.']],
    ['Ford on Dressing Melania Trump: She Is Not Necessarily', []],
    ['DHS Secretary Kristi Noem will make her first visit', ['DHS', 'Kristi Noem']],
    ['still sending 1,100 jobs to Mexico and the Tax Breaks', ['Mexico']],
    ['Homeland Security Secretary Noem visits Colombia', ['Noem']],
  ])('%s', (text, expected) => {
    expect(m.find(text).map((x) => text.slice(x.start, x.end))).toEqual(expected);
  });
});

describe('the words around a one-word name, in any script', () => {
  const m = compileMatcher([
    ['Jane Doe', 'doe'],
    ['Doe', 'doe'],
    ['Springfield', 'springfield'],
  ]);
  test.each<[string, string[]]>([
    // Another capitalised word after it: part of a longer name we do not know.
    ['the Springfield Óptica shop opened', []],
    ['in Springfield, Élodie said', ['Springfield']],
    ['Springfield élus met', ['Springfield']],
    // A surname after another given name is another person; after a title it is the same one.
    ['Zoë Doe spoke first', []],
    ['Señor Doe spoke first', ['Doe']],
    ["O'Neil Doe spoke first", []],
    ['then Doe spoke', ['Doe']],
    // Title Case text: capitals say nothing, so the next word does not make it a longer name.
    ['Élus De Springfield Votent Contre Le Projet', ['Springfield']],
  ])('%s', (text, expected) => {
    expect(m.find(text).map((x) => text.slice(x.start, x.end))).toEqual(expected);
  });
});

describe('dictionary edge cases', () => {
  test('the same folded alias for two entities prefers the exact spelling', () => {
    const m = compileMatcher([
      ['Bogota', 'a'],
      ['Bogotá', 'b'],
    ]);
    expect(m.size).toBe(1);
    expect(m.find('Bogotá and Bogota').map((x) => x.entityId)).toEqual(['b', 'a']);
  });

  test('scripts written without spaces match inside a run of text', () => {
    const m = compileMatcher([['波哥大', 'bogota']]);
    expect(m.find('诺姆访问波哥大时').map((x) => x.entityId)).toEqual(['bogota']);
  });

  test('characters that fold to many units do not shift offsets', () => {
    // U+FDFA decomposes to 18 characters; a long run of them once overflowed the fold buffer.
    const text = `${'\uFDFA'.repeat(2000)} Kristi Noem visited.`;
    const m = compileMatcher([['Kristi Noem', 'noem']]);
    const [hit] = m.find(text);
    expect(hit && text.slice(hit.start, hit.end)).toBe('Kristi Noem');
  });

  test('an empty dictionary finds nothing', () => {
    expect(compileMatcher([]).find('Kristi Noem in Bogotá')).toEqual([]);
  });

  test('overlapping aliases: the leftmost longest wins, then scanning resumes after it', () => {
    const m = compileMatcher([
      ['Homeland Security', 'dhs'],
      ['Security Secretary', 'post'],
      ['Secretary Kristi Noem', 'noem'],
    ]);
    const text = 'Homeland Security Secretary Kristi Noem';
    expect(m.find(text).map((x) => text.slice(x.start, x.end))).toEqual([
      'Homeland Security',
      'Secretary Kristi Noem',
    ]);
  });
});

// The scan walks the trie from word starts only: names after punctuation, at the ends of the
// text, ending where a longer alias goes on, and in scripts without spaces right after a word.
describe('where a name may start', () => {
  const m = compileMatcher([
    ['Jane Doe', 'jd'],
    ['Jane Doe-Smith Foundation', 'fund'],
    ['Doe', 'jd'],
    ['Old Harbor', 'harbor'],
    ['波哥大', 'bogota'],
    ['#Harbor', 'tag'],
  ]);
  test.each<[string, string, string[]]>([
    ['after an opening quote or bracket', '«Jane Doe» (Old Harbor)', ['Jane Doe', 'Old Harbor']],
    ['at the very start and end of the text', 'Old Harbor', ['Old Harbor']],
    ['a longer alias that does not go on to its end', 'the Jane Doe-Smith plan', ['Jane Doe']],
    ['a longer alias to its end', 'the Jane Doe-Smith Foundation', ['Jane Doe-Smith Foundation']],
    ['not after letters or digits', 'xJane Doe 2Old Harbor', ['Doe']],
    ['a name of a script without spaces right after a Latin word', 'visit波哥大', ['波哥大']],
    ['an alias starting with punctuation, after a space', 'see #Harbor now', ['#Harbor']],
    ['an alias starting with punctuation, inside a word', 'see x#Harbor now', []],
  ])('%s', (_label, text, expected) => {
    expect(m.find(text).map((x) => text.slice(x.start, x.end))).toEqual(expected);
  });
});

// A pattern all of whose spellings need a capital at their first character is rejected where the
// text has none there before its variants are read; a pattern with any other spelling is checked
// spelling by spelling. Either way the matches are those of the case rules, and a pack of an
// earlier build (no such flag) matches the same.
describe('a capital needed at the start', () => {
  const aliases: Array<[string, string]> = [
    ['Rich', 'rich'],
    ['NASDAQ', 'nasdaq'],
    ['US', 'us'],
    ['iPhone', 'phone'],
    ['fentanyl', 'drug'],
    ['Fentanyl', 'band'],
    ['Ólafur', 'olafur'],
    ['Mark Rich', 'rich'],
    ['"Sunny" Day', 'day'],
  ];
  const current = compileMatcher(aliases);
  // The flag cleared, as in a pack written by an earlier build.
  const unflagged = (() => {
    const packed = packAutomaton(compileAutomaton(aliases));
    const a = unpackAutomaton(packed)!;
    for (let p = 0; p < a.patternInfo.length; p++)
      a.patternInfo[p]! &= ~(PATTERN_FIRST_CAPITAL << 16);
    return matcherOf(a);
  })();
  test('flagged: the patterns every spelling of which starts with a capital', () => {
    const a = compileAutomaton(aliases);
    // Patterns in the order of their folded keys.
    const flagged = Array.from(
      a.patternInfo,
      (info) => ((info >> 16) & PATTERN_FIRST_CAPITAL) !== 0,
    );
    // '"sunny" day', fentanyl, iphone, mark rich, nasdaq, olafur, rich, us
    expect(flagged).toEqual([false, false, false, true, true, true, true, true]);
  });
  test.each<[string, string, Array<[string, string]>]>([
    ['a lowercase word is not the name', 'a rich sauce', []],
    ['the capitalised name', 'Rich said so', [['Rich', 'rich']]],
    ['an acronym of four letters, capitalised only', 'the Nasdaq fell', [['Nasdaq', 'nasdaq']]],
    ['an acronym of four letters, in lowercase', 'the nasdaq fell', []],
    ['a short acronym in lowercase', 'tell us more', []],
    ['a short acronym', 'the US said', [['US', 'us']]],
    [
      'a capital needed later only',
      'an iphone and an iPhone',
      [
        ['iphone', 'phone'],
        ['iPhone', 'phone'],
      ],
    ],
    [
      'a lowercase spelling among capitalised ones',
      'fentanyl and Fentanyl',
      [
        ['fentanyl', 'drug'],
        ['Fentanyl', 'band'],
      ],
    ],
    ['a capital outside ASCII', 'ólafur and Ólafur', [['Ólafur', 'olafur']]],
    ['a name of two words, the first in lowercase', 'a mark Rich left', [['Rich', 'rich']]],
    [
      'an alias starting with punctuation',
      'a "sunny" Day and "Sunny" Day',
      [['"Sunny" Day', 'day']],
    ],
  ])('%s', (_label, text, expected) => {
    const found = (m: typeof current) =>
      m.find(text).map((x): [string, string] => [text.slice(x.start, x.end), x.entityId]);
    expect(found(current)).toEqual(expected);
    expect(found(unflagged)).toEqual(expected);
  });
});

describe('findInWindows', () => {
  const matcher = compileMatcher(DICT);
  const paragraph =
    'Homeland Security Secretary Kristi Noem met Gustavo Petro in Bogotá. Later, Petro and Laura Sarabia spoke; Noem left. ';
  test.each([
    // [text, window size]: windows cut through names, at every offset of a short text too
    [paragraph.repeat(40), 97],
    [paragraph.repeat(40), 1000],
    [paragraph, 1],
    [paragraph, 13],
    ['Kristi Noem', 5],
    ['', 10],
  ])('the same matches as one pass (%#)', (text, size) => {
    const windows = [...findInWindows(matcher, text, size)];
    expect(windows.flat()).toEqual(matcher.find(text));
    expect(windows.length).toBe(Math.ceil(text.length / size));
  });
});
