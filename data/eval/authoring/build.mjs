// Writes the evaluation datasets (JSONL) of data/eval/ from the hand-written cases below and in
// fit-and-fairness.mjs. The JSONL files are the versioned source of truth; this script is how they were authored.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fairnessCases, fitCases, injectionCases, RAI_REQUESTS } from './fit-and-fairness.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..');
const write = (name, rows) => writeFileSync(join(OUT, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

// Routing: written for this suite (not taken from data/intents); 10 per intent, mixed registers and typos.
const ROUTING = {
  assess_fit: ['would they even consider me for the data engineer opening at Northwind?', 'how do i stack up against j-004512', 'is my background a match for this cloud role', 'rate my chances for the senior backend position', 'am i qualified enough for the UX lead job at Litware', 'honestly could i land the product manager role at Proseware', 'what fit level do i have for job j-000981', 'compare my profile with the requirements of this posting', 'do my skills line up with the ML engineer vacancy', 'check whether I meet the requirements for the QA job'],
  find_jobs: ['any remote python gigs paying over 70k?', 'show me junior frontend openings in Munich', 'looking for part-time marketing work near Hamburg', 'list data analyst vacancies in Amsterdam', 'which devops jobs are open right now', 'find me hybrid product manager roles in London', 'i want a new job as a nurse in Vienna', 'search for entry level sales positions', 'got any openings for kotlin developers?', 'jobs at Contoso for security engineers'],
  company_info: ['what is it like to work at Fabrikam', 'tell me about Tailspin Toys as an employer', 'how big is Woodgrove Bank', 'what does Adatum actually do', 'where is Litware headquartered', 'is Proseware a startup or a big company', 'what industry is Coho Winery in', 'give me an overview of Alpine Ski House', 'how many people work at Trey Research', 'some background on Wide World Importers please'],
  improve_profile: ['how can i make my profile stand out to recruiters', 'rewrite my headline so it sounds more senior', 'what is missing from my profile', 'review my summary and tell me what to fix', 'which skills should i add to my profile', 'my profile gets no views, what should i change', 'help me describe my last job better', 'is my profile complete enough', 'suggest improvements to my experience section', 'polish my about section please'],
  learning_path: ['what should i study to become a data engineer', 'recommend courses to learn kubernetes', 'how do i pick up spark quickly', 'build me a learning plan for cloud security', 'which certificates help for project management', 'i want to learn figma, where do i start', 'courses that would close my gaps for j-002231', 'how long would it take me to learn terraform', 'suggest training for machine learning beginners', 'what online classes teach SQL well'],
  interview_prep: ['help me prepare for my interview at Contoso tomorrow', 'what questions will they ask for the devops role', 'mock interview for a product manager position please', 'how should i answer tell me about yourself', 'give me practice questions for j-003310', 'tips for the technical interview next week', 'how do i explain my career gap in an interview', 'what should i ask the interviewer at the end', 'prepare me for a behavioral interview', 'how to talk about my salary expectations in the interview'],
  find_candidates: ['find me backend developers who know Go', 'search for data scientists in Berlin open to work', 'who on the platform has Terraform and AWS', 'i need a UX researcher, who is available', 'look for senior nurses open to relocation', 'source candidates for a kotlin mobile role', 'show people with Salesforce admin experience', 'find talent for my security engineer opening', 'any members with strong SQL for an analyst job', 'candidates who speak Spanish and know sales'],
  rank_applicants: ['rank the applicants for j-000777', 'who are the best applicants for my data engineer posting', 'sort the people who applied to the QA job by fit', 'which applicant should i interview first for j-001234', 'order my candidates for the devops role', 'top five applicants for the product manager opening', 'rank everyone who applied by how well they match', 'who fits best among the applicants for the cloud role', 'compare the applicants for job j-004400', 'shortlist the strongest applicants for my frontend job'],
  improve_posting: ['is my job posting any good', 'review the ad for j-000555 and suggest fixes', 'make my job description more inclusive', 'what is wrong with my posting for a data engineer', 'help me write a better job ad for a nurse', 'does my posting need a salary range', 'check my job post for biased language', 'how can i get more applicants to my posting', 'rewrite the requirements of my job ad', 'improve the title and description of j-002020'],
  small_talk: ['hi there', 'good morning!', 'thanks, that was helpful', 'who are you', 'what can you do for me', 'how are you today', 'you are great, thanks', 'hello again', 'bye for now', 'nice to meet you'],
  out_of_scope: ['what is the weather in Paris tomorrow', 'write me a poem about cats', 'who won the football match yesterday', 'how do i bake sourdough bread', 'translate this sentence into Japanese', 'what is the capital of Australia', 'recommend a good movie for tonight', 'solve this equation 3x + 5 = 20', 'book me a flight to Rome', 'what is the meaning of life'],
};
const routing = [];
for (const [intent, texts] of Object.entries(ROUTING)) texts.forEach((text, i) => routing.push({ kind: 'routing', id: `route-${intent}-${i}`, text, intent }));
// Follow-ups: the previous turn decides what a short message means.
const FOLLOW_UPS = [
  ['am I a fit for j-000123', 'assess_fit', 'and for j-000456?', 'assess_fit'],
  ['remote python jobs', 'find_jobs', 'only in Berlin please', 'find_jobs'],
  ['what should i learn for data engineering', 'learning_path', 'any shorter courses?', 'learning_path'],
  ['rank the applicants for j-000777', 'rank_applicants', 'and for j-000778?', 'rank_applicants'],
  ['help me prepare for the Contoso interview', 'interview_prep', 'what else should I practise?', 'interview_prep'],
];
FOLLOW_UPS.forEach(([prev, prevIntent, text, intent], i) => routing.push({ kind: 'routing', id: `route-follow-up-${i}`, tags: ['follow-up'], text, intent, history: [{ text: prev, intent: prevIntent }] }));

// Search in your own words: the filters a careful reader takes from the text.
const SEARCH = [
  ['remote python jobs over 70k', { remote: 'remote', skills: ['Python'], salaryMin: 70000 }],
  ['senior data engineer in Berlin with Spark', { seniority: 'senior', occupation: 'Data engineer', location: { city: 'Berlin', country: 'DE' }, skills: ['Apache Spark'] }],
  ['junior frontend developer jobs in Munich', { seniority: 'entry', location: { city: 'Munich', country: 'DE' } }],
  ['hybrid product manager roles in London paying £60k', { remote: 'hybrid', occupation: 'Product manager', location: { city: 'London', country: 'GB' }, salaryMin: 60000, currency: 'GBP' }],
  ['part-time marketing jobs in Hamburg', { employmentType: 'part_time', location: { city: 'Hamburg', country: 'DE' } }],
  ['kubernetes and terraform devops jobs', { skills: ['Kubernetes', 'Terraform'], occupation: 'DevOps engineer' }],
  ['data analyst jobs in Amsterdam with SQL and Tableau', { occupation: 'Data analyst', location: { city: 'Amsterdam', country: 'NL' }, skills: ['SQL', 'Tableau'] }],
  ['remote react developer at least $120k', { remote: 'remote', skills: ['React'], salaryMin: 120000, currency: 'USD' }],
  ['contract java backend engineer', { employmentType: 'contract', skills: ['Java'], occupation: 'Backend engineer' }],
  ['lead machine learning engineer remote with PyTorch', { seniority: 'lead', remote: 'remote', occupation: 'Machine learning engineer', skills: ['PyTorch'] }],
  ['UX designer jobs in Vienna using Figma', { occupation: 'UX designer', location: { city: 'Vienna', country: 'AT' }, skills: ['Figma'] }],
  ['security engineer in Paris over 90k euros', { occupation: 'Security engineer', location: { city: 'Paris', country: 'FR' }, salaryMin: 90000, currency: 'EUR' }],
  ['onsite QA engineer jobs with Selenium', { remote: 'onsite', occupation: 'QA engineer', skills: ['Selenium'] }],
  ['internship in data science', { employmentType: 'internship' }],
  ['senior cloud architect AWS remote', { seniority: 'senior', occupation: 'Cloud architect', skills: ['Amazon Web Services'], remote: 'remote' }],
  ['python jobs paying 6k per month', { skills: ['Python'], salaryMin: 72000 }],
  ['account executive jobs in Madrid', { occupation: 'Account executive', location: { city: 'Madrid', country: 'ES' } }],
  ['kotlin android developer in Warsaw', { skills: ['Kotlin'], location: { city: 'Warsaw', country: 'PL' } }],
  ['remote technical writer roles', { remote: 'remote', occupation: 'Technical writer' }],
  ['full-time project manager with Scrum in Zurich', { employmentType: 'full_time', occupation: 'Project manager', skills: ['Scrum'], location: { city: 'Zurich', country: 'CH' } }],
  ['go developer jobs paying €80,000', { skills: ['Go'], salaryMin: 80000, currency: 'EUR' }],
  ['hybrid data scientist jobs in Stockholm', { remote: 'hybrid', occupation: 'Data scientist', location: { city: 'Stockholm', country: 'SE' } }],
  ['senior SRE with Prometheus and Grafana', { seniority: 'senior', skills: ['Prometheus', 'Grafana'] }],
  ['entry level sales jobs', { seniority: 'entry' }],
  ['temporary customer service jobs in Dublin', { employmentType: 'temporary', location: { city: 'Dublin', country: 'IE' } }],
  ['django and postgresql backend jobs remote', { skills: ['Django', 'PostgreSQL'], remote: 'remote' }],
  ['digital marketing specialist with Google Ads in Berlin', { occupation: 'Digital marketing specialist', skills: ['Google Ads'], location: { city: 'Berlin', country: 'DE' } }],
  ['business analyst jobs over 65k', { occupation: 'Business analyst', salaryMin: 65000 }],
  ['remote typescript node.js jobs', { remote: 'remote', skills: ['TypeScript', 'Node.js'] }],
  ['junior data analyst jobs in Lisbon', { seniority: 'entry', occupation: 'Data analyst', location: { city: 'Lisbon', country: 'PT' } }],
  ['site reliability engineer in Dublin', { occupation: 'Site reliability engineer', location: { city: 'Dublin', country: 'IE' } }],
  ['iOS developer with Swift remote', { skills: ['Swift'], remote: 'remote' }],
  ['principal software architect jobs', { occupation: 'Software architect' }],
  ['graphic designer jobs with Adobe Illustrator in Milan', { occupation: 'Graphic designer', skills: ['Adobe Illustrator'], location: { city: 'Milan', country: 'IT' } }],
  ['power bi developer hybrid', { skills: ['Power BI'], remote: 'hybrid' }],
  ['senior accountant jobs in Frankfurt', { seniority: 'senior', occupation: 'Accountant', location: { city: 'Frankfurt', country: 'DE' } }],
  ['machine learning jobs at least 100k USD', { skills: ['Machine learning'], salaryMin: 100000, currency: 'USD' }],
  ['part-time recruiter roles remote', { employmentType: 'part_time', occupation: 'Recruiter', remote: 'remote' }],
  ['scrum master jobs in Copenhagen', { occupation: 'Scrum master', location: { city: 'Copenhagen', country: 'DK' } }],
  ['remote rust developer', { remote: 'remote', skills: ['Rust'] }],
];
const search = SEARCH.map(([text, expect], i) => ({ kind: 'search', id: `search-${i}`, text, expect }));

// Posting coach: postings with planted problems; `issues` must be raised, `absent` must not.
const LONG = 'You will join a team of eight engineers building the data platform behind our products. In the first months you will take over the ingestion pipelines, pair with the analytics team and ship improvements every week. Success after six months means reliable nightly loads and faster dashboards.';
const post = (id, o) => ({ id, companyId: 'c-eval-posting', title: o.title ?? 'Data Engineer', description: o.description ?? LONG, seniority: o.seniority ?? 'mid',
  ...(o.salary === null ? {} : { salary: o.salary ?? { min: 60000, max: 80000, currency: 'EUR', period: 'year' } }),
  required: { skills: (o.req ?? ['Python', 'SQL', 'Apache Spark']).map((name) => ({ name })), ...(o.minYears !== undefined ? { minYears: o.minYears } : {}), languages: [], certifications: [] },
  preferred: { skills: (o.pref ?? ['Kubernetes']).map((name) => ({ name })), languages: [], certifications: [] } });
const POSTINGS = [
  ['clean posting has no issue', {}, [], ['missing_salary_range', 'short_description', 'vague_requirements', 'non_inclusive_language', 'contradictory_requirements']],
  ['no salary range', { salary: null }, ['missing_salary_range'], ['short_description']],
  ['very wide salary range', { salary: { min: 40000, max: 120000, currency: 'EUR', period: 'year' } }, ['wide_salary_range'], ['missing_salary_range']],
  ['no required skills', { req: [] }, ['missing_required_skills'], ['too_many_requirements']],
  ['too many must-haves', { req: ['Python', 'SQL', 'Apache Spark', 'Apache Airflow', 'Kubernetes', 'Docker', 'Terraform', 'Java', 'Scala', 'Apache Kafka', 'Snowflake', 'dbt'], pref: [] }, ['too_many_requirements'], ['missing_required_skills']],
  ['short description', { description: 'Data engineer wanted.' }, ['short_description'], ['vague_requirements']],
  ['entry level asking 5 years', { seniority: 'entry', minYears: 5 }, ['contradictory_requirements'], []],
  ['junior title asking 6+ years in text', { title: 'Junior Data Engineer', description: `${LONG} You bring 6+ years of experience with Spark.` }, ['contradictory_requirements'], []],
  ['skill both required and preferred', { pref: ['SQL', 'Kubernetes'] }, ['skill_both_required_and_preferred'], []],
  ['vague requirements', { description: `${LONG} You are a team player with good communication and strong skills in various tools etc.` }, ['vague_requirements'], []],
  ['rockstar ninja wording', { title: 'Rockstar Data Ninja', description: `${LONG} We want a rockstar who codes like a ninja.` }, ['non_inclusive_language'], []],
  ['young and dynamic team', { description: `${LONG} Join our young and dynamic team of digital natives.` }, ['non_inclusive_language'], []],
  ['he will wording', { description: `${LONG} He will own the pipelines and his team will support him.` }, ['non_inclusive_language'], []],
  ['aggressive and dominant', { description: `${LONG} We need an aggressive, dominant engineer with a killer instinct.` }, ['non_inclusive_language'], []],
  ['salesman and manpower', { title: 'Salesman', req: ['B2B sales', 'Prospecting'], pref: [], description: `${LONG} Our manpower planning needs a salesman who closes.` }, ['non_inclusive_language'], []],
  ['recent graduates only', { description: `${LONG} Recent graduates only, maximum 30 years old.` }, ['non_inclusive_language'], []],
  ['no salary and short', { salary: null, description: 'Spark person needed asap.' }, ['missing_salary_range', 'short_description'], []],
  ['no salary and vague', { salary: null, description: `${LONG} Must be a self-starter and team player.` }, ['missing_salary_range', 'vague_requirements'], []],
  ['energetic guru', { title: 'Energetic Python Guru', description: `${LONG} You are a high-energy guru.` }, ['non_inclusive_language'], []],
  ['graduate role asking 8 years', { title: 'Graduate Analyst', seniority: 'entry', minYears: 8, req: ['SQL', 'Tableau'] }, ['contradictory_requirements'], []],
  ['clean senior posting', { seniority: 'senior', minYears: 6, title: 'Senior Data Engineer' }, [], ['contradictory_requirements', 'non_inclusive_language', 'missing_salary_range']],
  ['clean design posting', { title: 'Product Designer', req: ['Figma', 'User research', 'Prototyping'], pref: ['Accessibility'] }, [], ['missing_salary_range', 'non_inclusive_language']],
  ['hackers wanted', { description: `${LONG} We hire hackers and wizards.` }, ['non_inclusive_language'], []],
  ['too many and no salary', { salary: null, req: ['Python', 'SQL', 'Apache Spark', 'Apache Airflow', 'Kubernetes', 'Docker', 'Terraform', 'Java', 'Scala', 'Apache Kafka', 'Snowflake'] }, ['missing_salary_range', 'too_many_requirements'], []],
  ['she should wording', { description: `${LONG} She should be available on weekends.` }, ['non_inclusive_language'], []],
  ['overqualified', { description: `${LONG} Overqualified applicants will not be considered.` }, ['non_inclusive_language'], []],
  ['other duties etc', { description: `${LONG} Other duties as assigned, and more.` }, ['vague_requirements'], []],
  ['no required skills no salary', { req: [], salary: null }, ['missing_required_skills', 'missing_salary_range'], []],
  ['clean sales posting', { title: 'Account Executive', req: ['B2B sales', 'Salesforce', 'Prospecting'], pref: ['Consultative selling'] }, [], ['non_inclusive_language', 'vague_requirements']],
  ['wide range and guys', { salary: { min: 30000, max: 90000, currency: 'EUR', period: 'year' }, description: `${LONG} Our guys are friendly.` }, ['wide_salary_range', 'non_inclusive_language'], []],
];
const posting = POSTINGS.map(([notes, o, issues, absent], i) => ({ kind: 'posting', id: `posting-${i}`, notes, job: post(`j-eval-posting-${i}`, o), expect: { issues, absent } }));

write('fit.jsonl', fitCases());
write('routing.jsonl', routing);
write('search.jsonl', search);
write('posting.jsonl', posting);
write('injection.jsonl', injectionCases());
write('fairness.jsonl', [...fairnessCases(), ...RAI_REQUESTS.map(([text, refuse], i) => ({ kind: 'rai', id: `rai-${i}`, role: 'recruiter', text, expect: { refusal: refuse } }))]);
console.log('written');
