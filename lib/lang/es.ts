import type { LexiconSource } from './types';
import type { ClaimWords } from './claim-words';

export const es: LexiconSource = {
  code: 'es',
  articles: 'el la los las un una unos unas lo',
  nameArticles: 'el la los las del al',
  functionWords:
    'de del en desde hasta hacia para por con sin sobre entre tras ante bajo según durante mediante contra y e o u ni pero sino que como cuando donde mientras aunque si este esta estos estas ese esa esos esas aquel aquella su sus mi mis nuestro nuestra otro otra otros otras todo toda todos todas cada ya también además sin embargo hoy ayer mañana luego después antes así no se le les él ella ellos ellas yo tú nosotros usted ustedes muy más menos tanto tras',
  conjunctions: 'y e',
  connectors: 'de del la las los el por',
  elisions: '',
  nameParticles: '',
  placePrepositions: 'en desde hacia hasta visitó visita llegó',
  weakPlacePrepositions: 'hacia hasta',
  placeCues:
    'natural nacido nacida oriundo oriunda vecino vecinos residente afueras cerca alcalde alcaldesa gobernador gobernadora',
  speechVerbs:
    'dijo dice afirmó afirma declaró declara señaló señala aseguró asegura explicó explica indicó indica añadió agregó anunció anuncia advirtió sostuvo subrayó destacó manifestó expresó escribió publicó respondió pidió criticó reconoció',
  organizationContext:
    'diario periódico medio agencia banda cártel grupo partido cadena compañía empresa firma gigante gigantes aerolínea canal emisora plataforma televisión',
  roles:
    'Presidente Presidenta Ministro Ministra Secretario Embajador Embajadora Senador Senadora Gobernador Gobernadora Alcalde Alcaldesa Director Directora Diputado Diputada Rey Reina Príncipe Princesa Papa Juez Jueza General Comisario Portavoz Jefe Jefa Líder Fiscal Consejero Consejera Vicepresidente Vicepresidenta Canciller Doña Sr Sra Dña',
  // "Don" is also an English given name.
  honorifics: 'Doña Sr Sra Dña',
  calendar:
    'lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
  adjectiveEndings: 'al ales ano ana anos anas ense ico ica ivo iva ario aria eño eña',
  demonymSuffixes: '',
  divisions: 'estado provincia región comunidad',
  bylines: 'por',
  notNames: '',
  keywords: {
    law: 'ley decreto código constitución reglamento',
    agreement: 'acuerdo tratado pacto convenio programa memorando protocolo declaración',
    facility:
      'aeropuerto hospital prisión cárcel penal palacio estadio embajada consulado casa catedral iglesia mezquita museo carretera autopista autovía estación base',
    organization:
      'ministerio partido instituto agencia policía secretaría departamento consejo colegio servicio comisión gobierno tribunal corte congreso senado cámara asamblea universidad fundación asociación federación unión banco empresa compañía grupo ejército fuerza fuerzas guardia cuerpo bomberos protección unidad organización oficina fiscalía ayuntamiento alcaldía movimiento coalición alianza frente sociedad confederación dirección centro junta',
    place:
      'ciudad provincia estado región comunidad municipio río lago monte montaña montañas valle isla islas península golfo mar océano calle avenida paseo plaza barrio distrito condado desierto bahía cordillera pueblo localidad urbanización condominio aldea archipiélago',
  },
  countryForms: { US: ['EE. UU.'] },
  demonyms: {
    US: ['estadounidense', 'estadounidenses', 'norteamericano', 'norteamericana'],
    GB: ['británico', 'británica', 'británicos', 'inglés', 'inglesa'],
    DE: ['alemán', 'alemana', 'alemanes'],
    NL: ['neerlandés', 'holandés', 'holandesa'],
    CH: ['suizo', 'suiza'],
    GR: ['griego', 'griega'],
    SV: ['salvadoreño', 'salvadoreña', 'salvadoreños'],
    PA: ['panameño', 'panameña'],
    HN: ['hondureño', 'hondureña'],
    PR: ['puertorriqueño', 'puertorriqueña'],
    BR: ['brasileño', 'brasileña'],
  },
  demonymEndings:
    'no na nos nas ano ana anos anas ino ina inos inas ense enses és esa eses eño eña eños eñas ol ola oles olas o a os as',
  officeQualifiers:
    'ex exministro expresidente nuevo nueva actual interino interina saliente entrante',
  // Entity words (lib/corpus/entities): translations inside names, former names, company suffixes.
  nameWords: {
    high: 'alto alta altos',
    low: 'bajo baja bajos',
    air: 'aéreo aérea aéreos aéreas aire',
    force: 'fuerza fuerzas',
    airport: 'aeropuerto aeropuertos',
    range: 'cordillera sierra',
    north: 'norte',
    south: 'sur',
    new: 'nuevo nueva',
    red: 'rojo roja',
    cross: 'cruz',
  },
  formerly: 'antigua antiguo anteriormente antes',
  companySuffixes: 'líneas aéreas',
  minorNameWords: 'internacional',
  modifierPrefixes: 'pan pro anti ex neo post pre',
};

// ---------------------------------------------------------------------------------------------
// Claims (lib/claims, via lib/lang/claim-words.ts): kept apart from the entity vocabulary above.

export const claimWords: ClaimWords = {
  durationUnits:
    'segundo segundos minuto minutos hora horas día días semana semanas mes meses año años década décadas siglo siglos',
  verbsAfterFigures:
    'es son era eran fue fueron ha han había habían se está están estaba estaban será serán',
  clockWords: 'horas',
  echoVerbs: 'repitió repitieron reiteró',
  events: {
    meet: 'reunió|reunieron|reunión|encuentro',
    visit: 'visitó|visita|llegó|viajó',
    sign: 'firmó|firmaron|firma|suscribieron',
    announce: 'anunció|anunciaron|declaró',
    dispute: 'crisis|disputa',
    depart: 'despegó|despegue|salió|partió',
    land: 'aterrizar|aterrizaje|aterrizó',
    happen:
      'ocurrió|sacudió|azotó|golpeó|produjo|estrelló|accidente|terremoto|sismo|seísmo|cayó|desplomó',
    contact: 'contacto|radar',
    mourn: 'luto',
    concede: 'reconoció|derrota',
  },
  weekdays: 'lunes martes miércoles jueves viernes sábado domingo',
  months:
    'enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre diciembre',
  dayParts: { morning: 'mañana|madrugada', afternoon: 'tarde', night: 'noche' },
  clockAbout: 'alrededor de las|hacia las|cerca de las|sobre las|aproximadamente a las',
  clockBefore: 'poco antes de las|antes de las',
  soonAfter:
    'minutos más tarde|minutos después|instantes después|momentos después|poco después|una hora más tarde|una hora después',
  clockAfter: 'poco después de las|después de las',
  outcomes: {
    dead: 'muertos|muertas|muerto|fallecidos|fallecidas|muertes|mortales|murieron|fallecieron|víctimas',
    injured: 'heridos|heridas|herido|lesionados',
    missing: 'desaparecidos|desaparecidas',
    rescued: 'rescatados|rescatadas|evacuados|evacuadas',
    serious: 'graves|grave|gravemente|crítico|críticos',
  },
  tallyWords:
    'balance|cifra|saldo|aumentó|ascendía|asciende|subió|eleva|elevó|provisional|provisionales|provisionalmente',
  numberWords:
    'dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte',
  tens: 'treinta cuarenta cincuenta sesenta setenta ochenta noventa',
  sameThings: 'vuelo|avión|aeronave|vuelos|aviones|aeronaves',
  oneWords: 'un una',
  shareThings: { vote: 'voto|votos|sufragio|sufragios|votación' },
  measureUnits: {
    kilometre: 'km|kilómetro|kilómetros',
    metre: 'metro|metros',
    mile: 'milla|millas',
  },
  measureNouns: { magnitude: 'magnitud', intensity: 'intensidad' },
  measureLinks: 'de|en',
  turnoutWords: 'participación|abstención|padrón|inscritos|inscritas|electorado',
  partitivesBefore: '',
  partitivesAfter: 'de los cuales|de las cuales|de ellos|de ellas',
  notModifiers: 'junto ante tras según durante mediante incluso también hoy ayer luego',
  documentVerbs:
    'firmo firmaron firman firmado suscribio suscribieron suscrito anuncio anunciaron alcanzaron',
  shareOf: 'de del',
  rangeOpeners: 'entre de desde',
  rangeJoiners: 'y a',
  // Descriptors: the words of an office.
  officeWords:
    'presidente presidenta ministro ministra secretario secretaria alcalde alcaldesa portavoz vicepresidente vicepresidenta canciller consejero consejera jefe jefa líder delegado delegada',
  // Quotes and speakers.
  quoteVerbs:
    'dijo|dice|dicho|decía|afirmó|afirma|afirmado|afirmaba|aseguró|asegura|asegurado|declaró|declara|declarado|señaló|señala|señalado|añadió|añade|agregó|explicó|explica|indicó|indica|sostuvo|expresó|subrayó|destacó|destaca|advirtió|insistió|manifestó|comentó|escribió|publicó|respondió|recalcó|apuntó|reconoció|anunció|precisó|concluyó|proclamó|proclamaba|reivindicó|reivindicado|aseveró|lamentó|tuiteó|prometió',
  quoteAuxiliaries: 'ha|han|había|habían',
  accordingTo: 'según|de acuerdo con',
  subjectPronouns: 'él|ella|ellos|ellas',
  objectMarkers:
    'de|del|a|al|con|por|para|sobre|contra|entre|ante|tras|hacia|incluido|incluida|en|durante',
  // Document labels.
  documentNouns:
    'letter:carta|cartas;memorandum:memorando|memorandos|memorándum;declaration:declaración|declaraciones;agreement:acuerdo|acuerdos|convenio|convenios;protocol:protocolo|protocolos;treaty:tratado|tratados;declaration:comunicado|comunicados;pact:pacto|pactos',
  documentLinks: 'de|del',
  documentPurposes:
    'intent:intención|intenciones;understanding:entendimiento;cooperation:cooperación;agreement:acuerdo;principle:principio|principios;action:acción;support:apoyo;partnership:asociación|colaboración',
  documentQualifiers: 'joint:conjunta|conjunto|conjuntas|conjuntos',
  documentForms:
    'acuerdo de principio=agreement in principle;acuerdos de principio=agreement in principle;acuerdo marco=framework agreement;tratado=treaty;tratados=treaty;alto el fuego=ceasefire;tregua=ceasefire;memorando=memorandum;acuerdo=~agreement;acuerdos=~agreement;pacto=~agreement;convenio=~agreement',
};
