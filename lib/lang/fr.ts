import type { LexiconSource } from './types';
import type { ClaimWords } from './claim-words';

export const fr: LexiconSource = {
  code: 'fr',
  articles: 'le la les un une des',
  nameArticles: 'le la les du au aux',
  functionWords:
    'de du des au aux à en dans depuis jusqu vers pour par avec sans sur sous entre après avant contre selon pendant outre et ou ni mais donc car que qui comme quand où lorsque si ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos autre autres tout toute tous toutes chaque déjà aussi encore aujourd hier demain puis ensuite ainsi ne pas il elle ils elles je tu nous vous on y plus moins très d l',
  conjunctions: 'et',
  connectors: "de du des la le les d' l' pour",
  // Only those that can stand before a name; "n'", "s'" and the like come before verbs.
  elisions: "l' d' qu' jusqu' lorsqu' puisqu'",
  nameParticles: '',
  placePrepositions: 'en à au aux dans vers depuis visité arrivé',
  weakPlacePrepositions: 'à au aux vers',
  placeCues: 'né née originaire habitant habitants départ près environs maire gouverneur',
  speechVerbs:
    // Past participles too: "X a déclaré" is read one word further on.
    'déclaré déclare affirmé affirme indiqué indique expliqué explique ajouté ajoute annoncé annonce souligné souligne assuré assure estimé estime précisé précise écrit dit',
  organizationContext:
    'journal quotidien média agence gang cartel groupe parti réseau compagnie entreprise société géant géants chaîne plateforme télévision',
  roles:
    'Président Présidente Ministre Secrétaire Ambassadeur Ambassadrice Sénateur Sénatrice Gouverneur Maire Directeur Directrice Député Députée Roi Reine Prince Princesse Pape Juge Général Commissaire Porte-parole Chef Cheffe Dirigeant Dirigeante Procureur Procureure Chancelier Chancelière Premier M Mme Mlle',
  honorifics: 'M Mme Mlle',
  calendar:
    'lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  // Used only for a lone word after an article ("les Français", "le Slovène"): as first words
  // of names these endings are given names too (François, Julien).
  adjectiveEndings: 'al ale aux ales el elle ien ienne ain aine ais aise ois oise ique if ive aire',
  demonymSuffixes: 'ais aise aises ois oise oises ène ènes ien ienne iennes iens',
  divisions: 'état province région',
  bylines: 'par',
  notNames: '',
  keywords: {
    law: 'loi décret code constitution',
    agreement: 'accord traité pacte convention programme protocole déclaration',
    facility:
      'aéroport hôpital prison palais stade ambassade consulat cathédrale église mosquée musée pont autoroute gare base',
    organization:
      'ministère parti institut agence police secrétariat département conseil collège service commission gouvernement tribunal cour congrès sénat chambre assemblée université fondation association fédération union banque entreprise compagnie groupe armée forces garde corps pompiers protection unité organisation bureau préfecture mairie mouvement coalition alliance front société confédération direction centre',
    place:
      'ville province état région communauté commune rivière fleuve lac mont montagne montagnes vallée côte île îles péninsule golfe mer océan rue avenue boulevard quartier district désert baie village hameau localité archipel',
  },
  countryForms: {},
  demonyms: {
    US: ['américain', 'américaine', 'américains', 'étasunien', 'étasunienne'],
    GB: ['britannique', 'britanniques', 'anglais', 'anglaise'],
    DE: ['allemand', 'allemande', 'allemands'],
    NL: ['néerlandais', 'néerlandaise', 'hollandais'],
    CH: ['suisse', 'suisses'],
    GR: ['grec', 'grecque'],
    BE: ['belge', 'belges'],
    RU: ['russe', 'russes'],
    TR: ['turc', 'turque'],
  },
  demonymEndings:
    'ien ienne iens iennes ain aine ains aines ais aise ois oise ol ole ols oles en enne ens ennes',
  officeQualifiers:
    'ancien ancienne ex nouveau nouvelle nouvel actuel actuelle intérim intérimaire sortant sortante',
  // Entity words (lib/corpus/entities): translations inside names, former names, company suffixes.
  nameWords: {
    high: 'haut haute hauts hautes',
    low: 'bas basse',
    air: 'air aérien aérienne aériens aériennes',
    airport: 'aéroport aéroports',
    range: 'chaîne massif',
    north: 'nord',
    south: 'sud',
    new: 'nouveau nouvelle',
    red: 'rouge',
    cross: 'croix',
  },
  formerly: 'anciennement ex',
  companySuffixes: 'lignes aériennes',
  minorNameWords: 'international internationale',
  modifierPrefixes: 'pan pro anti ex néo post pré',
};

// ---------------------------------------------------------------------------------------------
// Claims (lib/claims, via lib/lang/claim-words.ts): kept apart from the entity vocabulary above.

export const claimWords: ClaimWords = {
  durationUnits:
    'seconde secondes minute minutes heure heures jour jours semaine semaines mois an ans année années décennie décennies siècle siècles',
  verbsAfterFigures: 'est sont était étaient a ont avait avaient sera seront se',
  clockWords: 'heures',
  echoVerbs: 'repris répété',
  events: {
    meet: 'rencontré|rencontre|réunion',
    visit: 'visité|visite|arrivé|arrivée',
    sign: 'signé|signature',
    announce: 'annoncé|déclaré',
    dispute: 'crise',
    depart: 'décollé|décollage',
    land: 'atterrir|atterrissage|atterri',
    happen: 'frappé|secoué|séisme|survenu|produit|écrasé|accident|tremblement|secousse',
    contact: 'contact|radar',
    mourn: 'deuil',
    concede: 'concédé|défaite',
  },
  weekdays: 'lundi mardi mercredi jeudi vendredi samedi dimanche',
  months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  dayParts: {
    morning: 'matin|matinée',
    afternoon: 'après-midi',
    evening: 'soir|soirée',
    night: 'nuit',
  },
  clockAbout: 'vers|environ|aux alentours de',
  clockBefore: 'peu avant|juste avant',
  soonAfter: 'minutes plus tard|quelques instants plus tard|peu après|une heure plus tard',
  clockAfter: 'peu après|juste après',
  outcomes: {
    dead: 'morts|mort|tués|décès|décédés|victimes|mortes|péri',
    injured: 'blessés|blessées|blessé',
    missing: 'disparus|disparues',
    rescued: 'secourus|évacués',
    serious: 'critique|critiques|grave|graves|grièvement',
  },
  tallyWords: 'bilan|alourdit|monte|élève|provisoire|grimpé',
  numberWords:
    'deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf vingt',
  tens: 'trente quarante cinquante soixante soixante-dix quatre-vingts|quatre-vingt quatre-vingt-dix',
  sameThings: 'vol|avion|appareil|vols|avions|appareils',
  oneWords: 'un une',
  shareThings: { vote: 'voix|vote|votes|suffrage|suffrages' },
  measureUnits: { kilometre: 'km|kilomètre|kilomètres', metre: 'mètre|mètres', mile: 'milles' },
  measureNouns: { magnitude: 'magnitude', intensity: 'intensité' },
  measureLinks: 'de|à|du',
  turnoutWords: 'participation|abstention|inscrits|inscrites|électorat',
  partitivesBefore: 'dont',
  partitivesAfter: "d'entre eux|d'entre elles",
  notModifiers: 'auprès aux côtés selon durant malgré envers aussi hier aujourd’hui ensuite',
  documentVerbs: 'signe signent signeront signera conclu conclut annonce annoncent paraphe',
  shareOf: 'de des du',
  rangeOpeners: 'entre de',
  rangeJoiners: 'et à',
  // Descriptors: the words of an office.
  officeWords:
    'président présidente ministre secrétaire maire porte-parole chef cheffe premier première délégué déléguée',
  // Quotes and speakers. "a déclaré" is an auxiliary and a participle; "a-t-il déclaré" too.
  quoteVerbs:
    'déclaré|déclare|dit|affirmé|affirme|ajouté|ajoute|souligné|souligne|expliqué|explique|écrit|indiqué|indique|assuré|assure|précisé|précise|estimé|estime|annoncé|annonce|promis|confié|lancé|insisté|martelé|réagi|commenté|rappelé|rappelle|poursuivi|poursuit|averti|répondu|répond|confirmé|confirme|tweeté|proclamé',
  quoteAuxiliaries: 'a|ont|avait|avaient',
  accordingTo: "selon|d’après|d'après",
  subjectPronouns: 'il|elle|ils|elles',
  objectMarkers:
    "de|du|des|d’|d'|à|au|aux|avec|par|pour|sur|contre|entre|envers|après|avant|chez|dans|en|lors",
  // Document labels.
  documentNouns:
    'letter:lettre|lettres;memorandum:mémorandum|memorandum|mémorandums;declaration:déclaration|déclarations;agreement:accord|accords;protocol:protocole|protocoles;treaty:traité|traités;declaration:communiqué|communiqués;charter:charte|chartes;convention:convention|conventions;pact:pacte|pactes',
  documentLinks: "de|d’|d'|du",
  documentPurposes:
    'intent:intention|intentions;understanding:entente;cooperation:coopération;agreement:accord;principle:principe|principes;action:action;support:soutien;partnership:partenariat|collaboration',
  documentQualifiers: 'joint:commune|communes|conjointe|conjointes',
  documentForms:
    "protocole d’accord=memorandum of understanding;protocole d'accord=memorandum of understanding;accord de principe=agreement in principle;accords de principe=agreement in principle;accord-cadre=framework agreement;traité=treaty;traités=treaty;cessez-le-feu=ceasefire;trêve=ceasefire;mémorandum=memorandum;accord=~agreement;accords=~agreement;pacte=~agreement",
};
