/**
 * One language's generic vocabulary for finding names in text. Nothing here names a story: only
 * function words, offices, verbs, calendar words and the head words institutions and places
 * take. Adding a language is adding a file like `en.ts` and listing it in `index.ts`.
 * Words are space-separated; case and accents do not matter (they are folded when loaded).
 */
export interface LexiconSource {
  /** ISO 639-1 code. */
  code: string;
  /** Articles and determiners: part of a name mid-sentence ("El Salvador"), not at its start. */
  articles: string;
  /**
   * Articles that stand before an institution's or a place's name but not before a person's
   * ("the Example Fund", "la Cruz Example"); empty where persons take them too.
   */
  nameArticles?: string;
  /** Prepositions, pronouns, conjunctions and adverbs that open sentences but never names. */
  functionWords: string;
  /** "and": joins two names ("X y Y") unless an institution's name is being spelled out. */
  conjunctions: string;
  /** Lower-case particles inside names ("Casa de Example", "Rio Grande do Sul"). */
  connectors: string;
  /** Elided articles and prepositions glued to the next word ("l'", "d'"). */
  elisions: string;
  /** Lower-case particles hyphenated to a name in transliterations ("al-", "bin-"). */
  nameParticles: string;
  /** Words after which a name is usually a place ("in", "en", "à", "em"). */
  placePrepositions: string;
  /**
   * Place prepositions that also mark a person ("à X", "to X"): one of them before a
   * person-shaped name is not enough to make it a place.
   */
  weakPlacePrepositions: string;
  /** Words before "of"/"de"/"em" + a place: "born in X", "natural de X", "originaire de X". */
  placeCues: string;
  /** Verbs of saying that follow a person's name. */
  speechVerbs: string;
  /** Lower-case nouns that say the next or previous name is an organization ("the newspaper X"). */
  organizationContext: string;
  /** Offices and titles that precede a person's name (capitalised in titles, often not in text). */
  roles: string;
  /** Honorifics ("Mr", "Sra"): a person follows, but they describe nobody. */
  honorifics: string;
  /** Months and weekdays. */
  calendar: string;
  /**
   * Endings of adjectives that follow a capitalised head in names written in sentence case
   * ("Palais national", "Comunidad ejemplar" as some write it).
   */
  adjectiveEndings: string;
  /** Nouns of nationality end so ("Français", "Slovène"), for a lone word after an article. */
  demonymSuffixes: string;
  /** Place words that name a division after its seat ("Province of X", "Estado de X"). */
  divisions: string;
  /** Opening words of a byline line ("By", "Por", "Par"). */
  bylines: string;
  /** Capitalised abbreviations that are not names (time zones, units). */
  notNames: string;
  /** Head words that type a name. */
  keywords: {
    law: string;
    agreement: string;
    facility: string;
    organization: string;
    place: string;
  };
  /** Abbreviations of country names that Intl.DisplayNames does not give, by region code. */
  countryForms: Record<string, string[]>;
  /**
   * Words for a country's people that do not follow from its name by a regular ending
   * ("Dutch"), by region code. Regular ones ("Ruritanian" from "Ruritania") need no entry.
   */
  demonyms?: Record<string, string[]>;
  /**
   * Endings that make an adjective for a country's people from its name, less its last vowel
   * or not ("Ruritania" -> "Ruritanian", "ruritano"): how a page says which country an office is.
   */
  demonymEndings?: string;
  /** Words before an office that say when, not which ("former", "acting"). */
  officeQualifiers?: string;
  /**
   * Words inside names that translate one another across languages, under an English gloss
   * ({ high: 'haut haute' }): "Upper Example" and "Haut Example" are one name. A language lists
   * its own words for each gloss (English lists the gloss itself only when it has other words).
   */
  nameWords?: Record<string, string>;
  /**
   * Words after a name that give another name of the same thing ("X, formerly Y", "X, antiga Y"):
   * the later name is the earlier one's former name.
   */
  formerly?: string;
  /**
   * Words after a company's name that say what it is, "|"-separated ("Airlines", "Linhas
   * Aéreas"): "Example Airlines" is "Example".
   */
  companySuffixes?: string;
  /** Words a facility's name is written with or without ("Example International Airport"). */
  minorNameWords?: string;
  /**
   * Prefixes that make an adjective of a name with a hyphen ("Pan-Example", "Pro-Example"): such
   * a word before a name describes it and is not part of it.
   */
  modifierPrefixes?: string;
}
