import type { LexiconSource } from './types';
import type { ClaimWords } from './claim-words';

export const en: LexiconSource = {
  code: 'en',
  articles: 'the a an',
  nameArticles: 'the',
  functionWords:
    'to this that these those his her its their our my your both some many several each every all any no such other another according since before after while when where whereas although though despite during in on at for with from by as if but and or nor so yet then there here what who whom whose which why how it he she they we i you us them him me one two three also still only just even later earlier today yesterday tomorrow meanwhile however instead moreover furthermore thus hence not now once outside inside near',
  conjunctions: 'and',
  connectors: 'of for the',
  elisions: '',
  // Arabic transliterations, written so in every language.
  nameParticles: 'al el ad an ar as at az ash bin ibn abu',
  placePrepositions:
    'in to from at across through into toward towards near visit visited visiting visits arrived arriving reached leaving left outside',
  weakPlacePrepositions: 'to toward towards',
  placeCues: 'born native resident residents outskirts mayor governor',
  speechVerbs:
    'said says told added wrote posted responded warned announced declared stated tweeted noted argued insisted emphasized emphasised highlighted explained asked replied urged claimed denied confirmed ordered backpedaled backtracked considers called vowed',
  organizationContext:
    'newspaper daily outlet agency gang cartel group party network company firm giant giants militia broadcaster channel airline platform website',
  roles:
    'Secretary President Minister Ambassador Senator Governor Mayor Director Chancellor Premier King Queen Prince Princess Pope Judge Justice General Commissioner Spokesperson Spokesman Spokeswoman Chief Leader Representative Congressman Congresswoman Councilman Councilwoman Sheriff Admiral Colonel Captain Sergeant Lieutenant Officer Prosecutor Attorney Chairman Chairwoman Chair CEO Founder Vice Deputy Lady Sir Dame Rabbi Bishop Cardinal Archbishop Imam Emir Sultan Sheikh Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Prof',
  honorifics: 'Mr Mrs Ms Dr Sir Dame Lady Prof',
  calendar:
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december',
  // English capitalises every word of a name.
  adjectiveEndings: '',
  demonymSuffixes: 'an ans ian ians ean eans ese ish iard iards',
  divisions: 'state province region county',
  bylines: 'by',
  notNames: 'GMT UTC BST EST EDT CET CEST PST PDT',
  keywords: {
    law: 'act law statute code bill amendment decree ordinance constitution',
    agreement:
      'agreement treaty accord pact deal memorandum protocol program programme convention charter intent declaration',
    facility:
      'prison jail penitentiary palace airport base stadium hospital headquarters embassy consulate camp cathedral castle bridge tower mosque museum highway station',
    organization:
      'department ministry police group agency administration court office council committee party army navy bank government congress senate parliament assembly directorate association organization organisation university institute commission service services corporation company inc corp foundation union federation league network times post news press tribune journal gazette herald newspaper house guard force forces cartel gang coalition front survey society',
    place:
      'gap river jungle mountains mountain valley desert sea ocean bay gulf strait canal island islands peninsula province state region county city town village municipality neighborhood neighbourhood district lake coast border park square street avenue archipelago road',
  },
  countryForms: { US: ['U.S.', 'USA'], GB: ['Britain', 'Great Britain'] },
  demonyms: {
    US: ['American', 'Americans'],
    GB: ['British', 'Briton', 'Britons', 'English', 'Scottish', 'Welsh'],
    ES: ['Spanish', 'Spaniard', 'Spaniards'],
    FR: ['French'],
    NL: ['Dutch'],
    CH: ['Swiss'],
    GR: ['Greek'],
    IE: ['Irish'],
    PE: ['Peruvian'],
    PH: ['Filipino', 'Philippine'],
    TH: ['Thai'],
    TR: ['Turkish'],
    PL: ['Polish'],
    SE: ['Swedish'],
    DK: ['Danish'],
    FI: ['Finnish'],
    AF: ['Afghan'],
    AR: ['Argentine'],
    NZ: ['Kiwi'],
  },
  demonymEndings: 'n an ans ian ians ean eans ese ish i is',
  officeQualifiers:
    'former ex then new acting interim outgoing incoming late current sitting incumbent',
  // Entity words (lib/corpus/entities): translations inside names, former names, company suffixes.
  nameWords: {
    high: 'high upper',
    low: 'low lower',
    range: 'range mountains',
  },
  formerly: 'formerly previously',
  companySuffixes: 'airlines|airline|airways',
  minorNameWords: 'international',
  modifierPrefixes: 'pan pro anti ex neo post pre non',
};

// ---------------------------------------------------------------------------------------------
// Claims (lib/claims, via lib/lang/claim-words.ts): kept apart from the entity vocabulary above.

export const claimWords: ClaimWords = {
  durationUnits:
    'second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries',
  verbsAfterFigures: 'is are was were has have had will would can could',
  clockWords: 'o’clock',
  echoVerbs: 'echoed repeated',
  events: {
    depart: 'took off|departed|departure|takeoff|take-off',
    land: 'land|landed|landing|arrival',
    happen: 'crashed|crash|struck|occurred|happened|quake|earthquake|accident|plummeted',
    contact: 'contact|radar',
    mourn: 'mourning',
    concede: 'conceded|concession',
  },
  weekdays: 'monday tuesday wednesday thursday friday saturday sunday',
  months: 'january february march april may june july august september october november december',
  dayParts: { morning: 'morning', afternoon: 'afternoon', evening: 'evening', night: 'night' },
  clockAbout: 'around|about|approximately|roughly',
  clockBefore: 'shortly before|just before',
  soonAfter: 'minutes later|moments later|shortly afterwards|shortly after that|an hour later',
  clockAfter: 'shortly after|just after',
  outcomes: {
    dead: 'killed|dead|died|deaths|death|killing|fatalities|lives',
    injured: 'injured|wounded|hurt|injuries',
    missing: 'missing|disappeared',
    rescued: 'rescued|evacuated',
    serious: 'critical|critically|serious|seriously',
  },
  tallyWords: 'toll|tally|rose|risen|climbed|climbs|rises|rising|provisional|updated|stood',
  numberWords:
    'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
  tens: 'thirty forty fifty sixty seventy eighty ninety',
  sameThings: 'flight|plane|aircraft|airplane|jet|flights|planes|airplanes|jets',
  oneWords: 'a an',
  shareThings: { vote: 'vote|votes|ballots|ballot' },
  measureUnits: {
    kilometre: 'km|kilometre|kilometres|kilometer|kilometers',
    metre: 'metre|metres|meter|meters',
    mile: 'mile|miles',
  },
  measureNouns: { magnitude: 'magnitude', intensity: 'intensity' },
  measureLinks: 'of|at',
  turnoutWords: 'turnout|registered|electorate',
  partitivesBefore: '',
  partitivesAfter: 'of whom|of which|of them',
  notModifiers:
    'alongside beside besides amid amidst despite toward towards unlike including behind beyond inside outside throughout across near upon onto whereas meanwhile also later earlier today yesterday',
  documentVerbs: 'announced announces unveiled',
  shareOf: 'of',
  rangeOpeners: 'between from',
  rangeJoiners: 'and to',
  // Descriptors: the words of an office.
  officeWords:
    'president secretary minister ambassador senator governor mayor director chancellor premier king queen prince princess pope judge justice general commissioner spokesperson spokesman spokeswoman chief leader representative congressman congresswoman sheriff admiral colonel captain officer prosecutor attorney chairman chairwoman chair ceo founder vice deputy prime foreign defense defence interior finance homeland security state head rapporteur envoy commander',
  // Quotes and speakers.
  quoteVerbs:
    'said|says|say|added|adds|wrote|writes|told|tells|warned|warns|declared|declaring|stated|explained|noted|notes|noting|insisted|insists|posted|tweeted|emphasized|emphasised|emphasizes|highlighted|highlights|remarked|continued|asked|replied|announced|announces|pointed out|described|described as|referred to|stressed|argued|claimed|confirmed|revealed|reported|estimated|promised|vowed|responded|proclaimed|recalled|acknowledged|admitted',
  quoteAuxiliaries: 'has|have|had',
  accordingTo: 'according to',
  subjectPronouns: 'he|she|they',
  objectMarkers:
    'of|to|with|by|for|from|about|at|on|in|against|alongside|toward|towards|than|between|among|after|before|including|like',
  // Document labels.
  documentNouns:
    'letter:letter|letters;memorandum:memorandum|memorandums|memoranda;declaration:declaration|declarations;agreement:agreement|agreements;protocol:protocol|protocols;treaty:treaty|treaties;declaration:statement|statements;charter:charter|charters;convention:convention|conventions;pact:pact|pacts',
  documentLinks: 'of',
  documentPurposes:
    'intent:intent|intention|intentions;understanding:understanding;cooperation:cooperation|co-operation;agreement:agreement;principle:principle|principles;action:action;support:support;partnership:partnership|association|collaboration',
  documentQualifiers: 'joint:joint',
  documentForms:
    'MOU=memorandum of understanding;MOA=memorandum of agreement;LOI=letter of intent;intention letter=letter of intent;intention letters=letter of intent;agreement in principle=agreement in principle;agreements in principle=agreement in principle;joint communique=joint declaration;joint communiqué=joint declaration;joint statement=joint declaration;joint statements=joint declaration;executive order=executive order;executive orders=executive order;framework agreement=framework agreement;treaty=treaty;treaties=treaty;ceasefire=ceasefire;cease-fire=ceasefire;truce=ceasefire;protocol=protocol;protocols=protocol;memorandum=memorandum;accord=~agreement;accords=~agreement;agreement=~agreement;agreements=~agreement;deal=~agreement;deals=~agreement;pact=~agreement;pacts=~agreement',
};
