import type { LexiconSource } from './types';
import type { ClaimWords } from './claim-words';

export const pt: LexiconSource = {
  code: 'pt',
  articles: 'o a os as um uma uns umas',
  // Portuguese puts an article before persons' names too ("o João", "a Maria").
  nameArticles: '',
  functionWords:
    'de do da dos das em no na nos nas ao aos à às desde até para por pelo pela pelos pelas com sem sobre entre após ante contra e ou nem mas porém que como quando onde enquanto embora se este esta estes estas esse essa esses essas aquele aquela seu sua seus suas meu minha outro outra outros outras todo toda todos todas cada já também além hoje ontem amanhã depois antes assim não ele ela eles elas eu você nós muito mais menos segundo durante',
  conjunctions: 'e',
  connectors: 'de do da dos das por pela pelo',
  elisions: '',
  nameParticles: '',
  placePrepositions: 'em no na nos nas desde até visitou chegou',
  weakPlacePrepositions: 'até',
  placeCues:
    'natural nascido nascida nasceu oriundo oriunda morador moradora moradores residente perto prefeito prefeita governador governadora',
  speechVerbs:
    'disse diz afirmou afirma declarou declara informou informa explicou explica contou relatou destacou ressaltou anunciou acrescentou escreveu publicou respondeu pediu criticou reconheceu',
  organizationContext:
    'jornal diário agência facção grupo partido rede companhia empresa firma gigante gigantes emissora canal portal plataforma site farmacêutica televisão',
  roles:
    'Presidente Ministro Ministra Secretário Embaixador Embaixadora Senador Senadora Governador Governadora Prefeito Prefeita Diretor Diretora Deputado Deputada Rei Rainha Príncipe Princesa Papa Juiz Juíza General Comissário Porta-voz Chefe Líder Procurador Procuradora Vice Chanceler Dom Dona Sr Sra',
  honorifics: 'Dom Dona Sr Sra',
  calendar:
    'segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  adjectiveEndings: 'al ais ano ana ense ico ica ivo iva ário ária eiro eira ês esa',
  demonymSuffixes: '',
  divisions: 'estado província região',
  bylines: 'por',
  notNames: '',
  keywords: {
    law: 'lei decreto código constituição',
    agreement: 'acordo tratado pacto convênio programa protocolo declaração',
    facility:
      'casa aeroporto aeroportos hospital prisão presídio penitenciária palácio estádio embaixada consulado catedral igreja mesquita museu ponte rodovia estrada estação base',
    organization:
      'ministério partido instituto agência polícia secretaria departamento conselho colégio serviço comissão governo tribunal congresso senado câmara assembleia universidade fundação associação federação união banco empresa companhia grupo exército força forças guarda corpo bombeiros proteção unidade organização escritório procuradoria prefeitura movimento coligação coalizão aliança frente sociedade confederação centro controle',
    place:
      'cidade província estado região comunidade município rio lago monte montanha ilha ilhas península golfo mar oceano rua avenida praça bairro distrito deserto baía vila aldeia condomínio localidade arquipélago',
  },
  countryForms: {},
  demonyms: {
    US: ['americano', 'americana', 'estadunidense', 'norte-americano', 'norte-americana'],
    GB: ['britânico', 'britânica', 'inglês', 'inglesa'],
    DE: ['alemão', 'alemã', 'alemães'],
    NL: ['holandês', 'holandesa', 'neerlandês'],
    CH: ['suíço', 'suíça'],
    GR: ['grego', 'grega'],
    BR: ['brasileiro', 'brasileira', 'brasileiros'],
    SV: ['salvadorenho', 'salvadorenha'],
  },
  demonymEndings:
    'no na nos nas ano ana anos anas ense enses ês esa eses ol ola eiro eira eiros eiras o a os as',
  officeQualifiers: 'ex antigo antiga novo nova atual interino interina',
  // Entity words (lib/corpus/entities): translations inside names, former names, company suffixes.
  nameWords: {
    high: 'alto alta altos',
    low: 'baixo baixa',
    air: 'aéreo aérea aéreos aéreas',
    force: 'força forças',
    airport: 'aeroporto aeroportos',
    range: 'cordilheira serra',
    north: 'norte',
    south: 'sul',
    new: 'novo nova',
    red: 'vermelho vermelha',
    cross: 'cruz',
  },
  formerly: 'antiga antigo ex',
  companySuffixes: 'linhas aéreas',
  minorNameWords: 'internacional',
  modifierPrefixes: 'pan pró pro anti ex neo pós pré',
};

// ---------------------------------------------------------------------------------------------
// Claims (lib/claims, via lib/lang/claim-words.ts): kept apart from the entity vocabulary above.

export const claimWords: ClaimWords = {
  durationUnits:
    'segundo segundos minuto minutos hora horas dia dias semana semanas mês meses ano anos década décadas século séculos',
  verbsAfterFigures:
    'é são era eram foi foram tem têm tinha tinham se está estão estava estavam será serão',
  clockWords: 'horas',
  echoVerbs: 'repetiu repetiram ecoou',
  events: {
    meet: 'reuniu|reunião|encontrou|encontro',
    visit: 'visitou|visita|chegou|viajou',
    sign: 'assinou|assinaram|assinatura',
    announce: 'anunciou|declarou',
    dispute: 'crise',
    depart: 'decolou|decolagem|saiu|deixou|partiu',
    land: 'pousar|pouso|pousaria|chegada',
    happen: 'caiu|queda|ocorreu|ocorrido|acidente|terremoto|tremor',
    contact: 'contato|contacto|radar',
    mourn: 'luto',
    concede: 'admitiu|derrota',
  },
  // Only the long forms: "segunda", "quinta", "sexta" alone are also ordinals.
  weekdays: 'segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo',
  months:
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  dayParts: { morning: 'manhã|madrugada', afternoon: 'tarde', night: 'noite' },
  clockAbout: 'por volta das|por volta de|cerca das|perto das|aproximadamente às',
  clockBefore: 'pouco antes das|antes das',
  soonAfter:
    'minutos mais tarde|minutos depois|instantes depois|momentos depois|pouco depois|uma hora depois|uma hora mais tarde',
  clockAfter: 'pouco depois das|depois das',
  outcomes: {
    dead: 'mortos|mortas|morte|mortes|morreram|vítimas|óbitos',
    injured: 'feridos|feridas',
    missing: 'desaparecidos|desaparecidas',
    rescued: 'resgatados|resgatadas',
    serious: 'graves|grave|gravemente|crítico|críticos',
  },
  tallyWords: 'balanço|número|subiu|aumentou|provisório|atualizado',
  numberWords:
    'dois|duas três quatro cinco seis sete oito nove dez onze doze treze catorze|quatorze quinze dezesseis|dezasseis dezessete|dezassete dezoito dezenove|dezanove vinte',
  tens: 'trinta quarenta cinquenta sessenta setenta oitenta noventa',
  sameThings: 'voo|avião|aeronave|voos|aviões|aeronaves',
  oneWords: 'um uma',
  shareThings: { vote: 'voto|votos|sufrágio|sufrágios|votação' },
  measureUnits: {
    kilometre: 'km|quilômetro|quilômetros|quilómetro|quilómetros',
    metre: 'metro|metros',
    mile: 'milha|milhas',
  },
  measureNouns: { magnitude: 'magnitude', intensity: 'intensidade' },
  measureLinks: 'de|em',
  turnoutWords: 'participação|comparecimento|abstenção|inscritos|eleitorado',
  partitivesBefore: '',
  partitivesAfter: 'dos quais|das quais|deles|delas',
  notModifiers: 'junto ante após segundo durante mediante também hoje ontem depois',
  documentVerbs: 'assinou assinaram assinam assinado firmou firmaram firmado anunciou anunciaram',
  shareOf: 'de dos das do da',
  rangeOpeners: 'entre de',
  rangeJoiners: 'e a',
  // Descriptors: the words of an office.
  officeWords:
    'presidente ministro ministra secretário secretária prefeito prefeita porta-voz chefe líder vice governador governadora',
  // Quotes and speakers.
  quoteVerbs:
    'disse|diz|dito|afirmou|afirma|afirmado|declarou|declara|acrescentou|ressaltou|destacou|destaca|explicou|explica|escreveu|publicou|respondeu|garantiu|completou|observou|anunciou|informou|informa|lembrou|avaliou|comentou|contou|relatou|reconheceu|classificou|alertou|frisou|pontuou|salientou|reforçou|prometeu|afirmaram|disseram',
  quoteAuxiliaries: 'tem|têm|tinha|havia',
  accordingTo: 'segundo|de acordo com|conforme',
  subjectPronouns: 'ele|ela|eles|elas',
  objectMarkers:
    'de|do|da|dos|das|a|ao|à|com|por|pelo|pela|para|sobre|contra|entre|ante|após|em|no|na',
  // Document labels.
  documentNouns:
    'letter:carta|cartas;memorandum:memorando|memorandos;declaration:declaração|declarações;agreement:acordo|acordos|convênio|convênios;protocol:protocolo|protocolos;treaty:tratado|tratados;declaration:comunicado|comunicados;pact:pacto|pactos',
  documentLinks: 'de|da|do',
  documentPurposes:
    'intent:intenção|intenções;understanding:entendimento;cooperation:cooperação;agreement:acordo;principle:princípio|princípios|principio;action:ação;support:apoio;partnership:parceria|colaboração',
  documentQualifiers: 'joint:conjunta|conjunto|conjuntas|conjuntos',
  documentForms:
    'acordo de princípio=agreement in principle;acordos de princípio=agreement in principle;acordo-quadro=framework agreement;tratado=treaty;tratados=treaty;cessar-fogo=ceasefire;trégua=ceasefire;memorando=memorandum;acordo=~agreement;acordos=~agreement;pacto=~agreement',
};
