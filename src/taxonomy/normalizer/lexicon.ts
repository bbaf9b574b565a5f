/**
 * General-English and HR-writing knowledge the normalizers rely on: abbreviations, words that describe
 * the contract or the seniority rather than the occupation, and stop words. Nothing here is taken from
 * evaluation labels; it is the kind of list a recruiter would write down from experience.
 */

/** Abbreviation → expansion (lower case, after punctuation is stripped). */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  sr: 'senior', snr: 'senior', jr: 'junior', jnr: 'junior',
  mgr: 'manager', mngr: 'manager', mgmt: 'management', mgt: 'management',
  eng: 'engineer', engr: 'engineer', engg: 'engineering',
  dev: 'developer', devs: 'developers', devops: 'devops',
  admin: 'administrator', admins: 'administrators', adm: 'administrator',
  asst: 'assistant', assoc: 'associate', asso: 'associate',
  ops: 'operations', op: 'operator', opr: 'operator',
  exec: 'executive', execs: 'executives', exe: 'executive',
  swe: 'software engineer', sde: 'software developer engineer', sw: 'software', hw: 'hardware',
  pm: 'project manager', pmo: 'project management office',
  qa: 'quality assurance', qc: 'quality control', qs: 'quantity surveyor',
  hr: 'human resources', hrd: 'human resources development', hrm: 'human resources management',
  it: 'information technology', ict: 'information communication technology',
  ui: 'user interface', ux: 'user experience',
  cs: 'customer service', csr: 'customer service representative',
  acct: 'accountant', accts: 'accounts', acc: 'accounts',
  tech: 'technician', techs: 'technicians',
  coord: 'coordinator', coordr: 'coordinator',
  dir: 'director', supv: 'supervisor', spvr: 'supervisor', sup: 'supervisor',
  rep: 'representative', reps: 'representatives',
  svc: 'service', svcs: 'services', cust: 'customer',
  ceo: 'chief executive officer', cfo: 'chief financial officer', cto: 'chief technology officer',
  coo: 'chief operating officer', cio: 'chief information officer', cmo: 'chief marketing officer',
  vp: 'vice president', gm: 'general manager', md: 'managing director',
  bd: 'business development', bdm: 'business development manager', bde: 'business development executive',
  ba: 'business analyst', sa: 'system administrator', dba: 'database administrator',
  sysadmin: 'system administrator', netadmin: 'network administrator',
  ml: 'machine learning', ai: 'artificial intelligence', nlp: 'natural language processing',
  js: 'javascript', ts: 'typescript', py: 'python', k8s: 'kubernetes',
  db: 'database', dbs: 'databases', os: 'operating system',
  rn: 'registered nurse', lpn: 'licensed practical nurse', gp: 'general practitioner',
  dr: 'doctor', prof: 'professor', lect: 'lecturer',
  mech: 'mechanical', elec: 'electrical', civ: 'civil',
  mktg: 'marketing', mkt: 'marketing', fin: 'finance', acctg: 'accounting',
  intl: 'international', natl: 'national', govt: 'government',
  cad: 'computer aided design', cnc: 'computer numerical control', hvac: 'heating ventilation air conditioning',
  seo: 'search engine optimisation', sem: 'search engine marketing', crm: 'customer relationship management',
  erp: 'enterprise resource planning', sql: 'sql', api: 'api', apis: 'api',
  wfh: 'remote', f2f: 'face to face',
};

/**
 * Common job words of Malay/Indonesian and German job boards → English (a bilingual glossary, as a
 * recruiter in those markets would know it). Applied word by word before stemming.
 */
export const FOREIGN_JOB_WORDS: Readonly<Record<string, string>> = {
  pekerja: 'worker', kilang: 'factory', pembantu: 'assistant', pengurus: 'manager', penyelia: 'supervisor',
  pegawai: 'officer', kerani: 'clerk', pemandu: 'driver', lori: 'lorry', jurujual: 'salesperson',
  penjualan: 'sales', jualan: 'sales', juruwang: 'cashier', jurutera: 'engineer', juruteknik: 'technician',
  jururawat: 'nurse', guru: 'teacher', pengajar: 'teacher', tadika: 'kindergarten', pereka: 'designer',
  grafik: 'graphic', tukang: 'craftsman', jahit: 'tailor', masak: 'cook', cuci: 'cleaner', pencuci: 'cleaner',
  pengawal: 'guard', keselamatan: 'security', akaun: 'accounts', pentadbir: 'administrator', stor: 'store',
  gudang: 'warehouse', kedai: 'shop', restoran: 'restaurant', dapur: 'kitchen', mekanik: 'mechanic',
  pemasaran: 'marketing', sosial: 'social', konsultant: 'consultant', eksekutif: 'executive', pelanggan: 'customer',
  perkhidmatan: 'service', kecantikan: 'beauty', rambut: 'hair', buruh: 'labourer', penghantar: 'delivery',
  entwickler: 'developer', softwareentwickler: 'software developer', ingenieur: 'engineer', leiter: 'manager',
  mitarbeiter: 'employee', verkaufer: 'salesperson', kaufmann: 'clerk', buchhalter: 'accountant',
  krankenpfleger: 'nurse', pflegefachkraft: 'nurse', koch: 'cook', fahrer: 'driver', berater: 'consultant',
};

/** British/American spelling pairs, folded to one form before stemming. */
export const SPELLING: Readonly<Record<string, string>> = {
  optimization: 'optimisation', optimize: 'optimise', organization: 'organisation', organize: 'organise',
  organizer: 'organiser', analyze: 'analyse', analyzing: 'analysing', labor: 'labour', color: 'colour',
  center: 'centre', behavior: 'behaviour', catalog: 'catalogue', program: 'programme', programs: 'programmes',
  license: 'licence', defense: 'defence', specialization: 'specialisation', utilize: 'utilise',
  modeling: 'modelling', traveling: 'travelling', counseling: 'counselling', counselor: 'counsellor',
  jewelry: 'jewellery', aluminum: 'aluminium', fiber: 'fibre', theater: 'theatre', liter: 'litre',
  meter: 'metre', gray: 'grey', tire: 'tyre', favor: 'favour', honor: 'honour', harbor: 'harbour',
  practise: 'practice', enroll: 'enrol', fulfill: 'fulfil',
};

/**
 * Words that qualify a job title (seniority, contract, schedule, hiring noise) without naming the
 * occupation. They are dropped from titles; "lead" and "head" stay because ESCO names leaders.
 */
export const TITLE_NOISE = new Set([
  'senior', 'junior', 'jr', 'sr', 'graduate', 'grad', 'fresh', 'freshers', 'fresher', 'entry', 'level',
  'intern', 'interns', 'internship', 'trainee', 'traineeship', 'apprentice', 'apprenticeship', 'student',
  'principal', 'staff', 'associate', 'experienced', 'expert', 'mid', 'midlevel', 'medior',
  'part', 'time', 'full', 'parttime', 'fulltime', 'contract', 'contractor', 'temporary', 'temp', 'permanent',
  'freelance', 'freelancer', 'remote', 'hybrid', 'onsite', 'home', 'based', 'office', 'wfh',
  'urgent', 'urgently', 'immediate', 'immediately', 'hiring', 'vacancy', 'vacancies', 'job', 'jobs', 'opening', 'post', 'posts', 'ton', 'tons',
  'position', 'positions', 'role', 'opportunity', 'career', 'careers', 'wanted', 'needed', 'required',
  'male', 'female', 'only', 'all', 'genders', 'gender', 'diverse', 'mfd', 'mwd', 'fmd', 'hf',
  'shift', 'night', 'day', 'weekend', 'weekends', 'seasonal', 'summer', 'fixed', 'term', 'month', 'months',
  'year', 'years', 'new', 'i', 'ii', 'iii', 'iv', 'v', 'level1', 'level2',
  'salary', 'negotiable', 'attractive', 'package', 'bonus', 'benefits', 'allowance', 'welcome', 'open',
]);

/** Function words: carry no meaning for matching. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'into',
  'is', 'are', 'be', 'been', 'being', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'may', 'must',
  'shall', 'do', 'does', 'did', 'have', 'has', 'had', 'having', 'this', 'that', 'these', 'those', 'it', 'its',
  'we', 'our', 'us', 'you', 'your', 'they', 'their', 'them', 'he', 'she', 'his', 'her', 'who', 'whom', 'which',
  'what', 'where', 'when', 'how', 'why', 'than', 'then', 'so', 'such', 'also', 'very', 'not', 'no', 'nor',
  'but', 'if', 'about', 'over', 'under', 'up', 'down', 'out', 'off', 'per', 'via', 'etc', 'eg', 'ie', 'cum',
  'both', 'each', 'any', 'some', 'other', 'more', 'most', 'own', 'same', 'well', 'within', 'across', 'between',
  'through', 'during', 'while', 'plus', 'i', 'me', 'my', 'am', 'get', 'like', 'including', 'include', 'includes',
]);

/**
 * Job-title synonyms of general HR English: word → [synonym, strength]. They add evidence without
 * replacing the word ("sales associate" also looks for "sales assistant").
 */
export const TITLE_SYNONYMS: Readonly<Record<string, readonly [string, number][]>> = {
  aide: [['assistant', 0.6]], helper: [['assistant', 0.5], ['hand', 0.4]],
  // In Asian and British job ads an "executive" is mostly a staff-level role ("marketing executive").
  executive: [['officer', 0.5], ['assistant', 0.6]], officer: [['executive', 0.3]],
  worker: [['hand', 0.5], ['operative', 0.4]], labourer: [['worker', 0.6], ['hand', 0.5]], crew: [['worker', 0.5], ['attendant', 0.4]],
  salesperson: [['sales', 0.8], ['assistant', 0.4]], salesman: [['sales', 0.8]], saleswoman: [['sales', 0.8]],
  salesgirl: [['sales', 0.8], ['assistant', 0.4]], salesgirls: [['sales', 0.8], ['assistant', 0.4]],
  seller: [['sales', 0.6]], retail: [['sales', 0.4], ['shop', 0.4]], shop: [['retail', 0.4]],
  programmer: [['developer', 0.6]], coder: [['developer', 0.6], ['programmer', 0.6]],
  boss: [['manager', 0.6]], head: [['manager', 0.4]], chief: [['head', 0.4]],
  staff: [['worker', 0.4]], employee: [['worker', 0.5]], handyman: [['maintenance', 0.4]],
  cook: [['chef', 0.6]], chef: [['cook', 0.6]], waiter: [['server', 0.4], ['waiting', 0.4]], waitress: [['waiter', 0.8]],
  accounts: [['accounting', 0.6]], account: [['accounting', 0.4]],
  lorry: [['truck', 0.6], ['cargo', 0.3]], truck: [['lorry', 0.6]], rider: [['courier', 0.5], ['delivery', 0.4]],
  telesales: [['call', 0.5], ['centre', 0.5], ['sales', 0.5]], telemarketer: [['call', 0.5], ['centre', 0.5]],
  telemarketing: [['call', 0.5], ['centre', 0.5], ['marketing', 0.5]],
};

/** Seniority words that hint at an assistant-level occupation ("junior accountant" = accounting assistant). */
export const JUNIOR_WORDS = new Set(['junior', 'jr', 'jnr', 'trainee', 'intern', 'interns', 'internship', 'apprentice', 'apprenticeship', 'associate']);

/** The few function words dropped from taxonomy labels ("AM technician" keeps its "am"). */
export const LABEL_STOP_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as']);

/**
 * Job-ad filler: words that say a skill is wanted rather than what the skill is. Dropped from
 * skill-extraction queries so "strong knowledge of X" matches "X", not "knowledge management".
 */
export const AD_FILLER = new Set([
  'experience', 'experienced', 'knowledge', 'understanding', 'skill', 'skills', 'ability', 'able', 'strong',
  'good', 'great', 'excellent', 'solid', 'proven', 'deep', 'basic', 'advanced', 'familiarity', 'familiar',
  'proficiency', 'proficient', 'year', 'years', 'plus', 'preferred', 'required', 'requirements', 'requirement',
  'nice', 'bonus', 'must', 'candidate', 'candidates', 'looking', 'seeking', 'ideal', 'ideally', 'least',
  'minimum', 'hands', 'working', 'work', 'professional', 'demonstrated', 'track', 'record', 'background',
  'similar', 'related', 'relevant', 'field', 'etc', 'organization', 'company', 'organisation', 'team', 'role',
  'responsibilities', 'responsible', 'description', 'position', 'job', 'new', 'opportunity', 'want', 'help',
]);

/**
 * Paraphrases of general English that job ads use for common skill phrasings, written as
 * phrase → canonical words. Applied to skill-extraction input before matching.
 */
export const PARAPHRASES: readonly [RegExp, string][] = [
  [/\bteam ?work(ing)?\b|\bteam players?\b|\bcollaborat(e|ive|ively|ion)\b/g, ' work in teams '],
  [/\bcommunicator\b|\bcommunication skills\b/g, ' communication '],
  [/\bproblem[- ]solv(er|ing)\b/g, ' solve problems '],
  [/\bself[- ](motivated|starter|driven)\b/g, ' show self motivation '],
  [/\bdetail[- ]oriented\b|\battention to details?\b|\b(focus on|eye for) details?\b/g, ' attention to detail attend to detail '],
  [/\bfront[- ]?end\b/g, ' front end web development user interface '],
  [/\bback[- ]?end\b/g, ' back end server software development '],
  [/\bfull[- ]?stack\b/g, ' front end back end web development '],
  [/\bdeadlines?\b/g, ' meet deadlines '],
  [/\bmulti[- ]?task(ing)?\b/g, ' multitasking manage time '],
  [/\bfluent\b|\bfluency\b|\bnative speaker\b/g, ' language '],
  [/\bcode reviews?\b|\breview(ing)? (of )?code\b/g, ' conduct ICT code review '],
  [/\bcoding\b|\bcode\b(?! review)/g, ' programming '],
  // Office software by product name, and common workplace phrasings, to the skill they name.
  [/\b(ms |microsoft )?excel\b|\bspreadsheets?\b|\bgoogle sheets\b/g, ' $& use spreadsheets software '],
  [/\b(ms |microsoft )?powerpoint\b|\bkeynote\b/g, ' $& use presentation software '],
  [/\bpeople management\b|\bmanag(e|ing) people\b|\bline management\b|\bpeople leadership\b/g, ' personnel management manage personnel '],
  [/\bsdlc\b|\bsoftware development life ?-?cycle\b/g, ' systems development life-cycle '],
  [/\bnumerate\b|\bnumeracy\b/g, ' apply numeracy skills '],
  [/\binnovative\b/g, ' innovative think innovately '],
  [/\bsolution[- ]oriented\b|\bsolutions[- ]focused\b/g, ' create solutions to problems '],
  [/\banalytical\b/g, ' analytical think analytically '],
  [/\bwell[- ]organi[sz]ed\b|\b(structured|organi[sz]ed) (work ?style|manner|approach|way of working)\b/g, ' work in an organised manner '],
  [/\b(compensation|reward|pay) (and|&) benefits\b|\bperformance management\b/g, ' $& human resource management '],
  [/(?<![a-z])\.\s?net\b/g, ' visual studio .net '],
  [/\bmentor(ing)?\b/g, ' mentor coach '],
];
