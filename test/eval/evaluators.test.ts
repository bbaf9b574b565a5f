import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import {
  annotatorAgreement, bluntPhrases, cohensKappa, compareWithBaseline, computeMetrics, extractClaims, gapsWithoutNextStep,
  protectedMentions, skillMentions, summarizeVotes, type AnswerFacts, type CaseResult, type ClaimCatalog,
} from '../../src/eval/index.ts';
import { DEFAULT_TAXONOMY_FILE, Taxonomy, readTaxonomyFile } from '../../src/taxonomy/index.ts';

let catalog: ClaimCatalog;
before(async () => {
  catalog = { taxonomy: new Taxonomy(await readTaxonomyFile(DEFAULT_TAXONOMY_FILE)), courses: [] };
});

const facts: AnswerFacts = {
  text: JSON.stringify({ jobTitle: 'Data Engineer', company: 'Northwind', level: 'partial', summary: '2/4 required', met: ['Python', 'SQL'], gaps: ['Apache Spark', 'Apache Airflow'], evidence: 'Data Analyst at Contoso (2019-03 – present)', years: '3.2 years' }),
  level: 'partial', score: 0.52, gaps: [{ requirement: 'Apache Spark', kind: 'required' }, { requirement: 'Apache Airflow', kind: 'required' }],
  met: ['Python', 'SQL'], memberYears: 3.2,
};

describe('claim extraction (hallucination rate)', () => {
  it('facts restated are supported claims', () => {
    const claims = extractClaims('For Data Engineer at Northwind, you are a partial fit (2/4 required). Your Python and SQL count; you worked at Contoso since 2019-03.', facts, catalog);
    assert.ok(claims.length >= 6, JSON.stringify(claims));
    assert.deepEqual(claims.filter((c) => c.status !== 'supported'), []);
    assert.ok(claims.some((c) => c.kind === 'level' && c.text === 'partial'));
    assert.ok(claims.some((c) => c.kind === 'date' && c.text === '2019-03'));
  });

  it('invented skills, employers, numbers and dates are unsupported', () => {
    const claims = extractClaims('You also led a Kubernetes migration at Initrode Systems in 2011 with a team of 14.', facts, catalog);
    const unsupported = claims.filter((c) => c.status === 'unsupported').map((c) => `${c.kind}:${c.text}`);
    for (const want of ['skill:Kubernetes', 'employer:Initrode Systems', 'date:2011', 'number:14']) assert.ok(unsupported.includes(want), `${want} in ${unsupported}`);
  });

  it('another level, other years and a gap stated as met are contradicted, not merely unsupported', () => {
    const claims = extractClaims('You are a strong fit. You have 9 years of experience. You already bring Apache Spark from your last role.', facts, catalog);
    const contradicted = claims.filter((c) => c.status === 'contradicted').map((c) => `${c.kind}:${c.text}`);
    assert.deepEqual(contradicted.sort(), ['level:strong', 'possession:Apache Spark', 'years:9']);
  });

  it('"the rest" and "go" are not skills, while REST and Go written as names are', () => {
    assert.deepEqual(skillMentions('work on the rest and go for it', catalog.taxonomy), []);
    assert.deepEqual(skillMentions('Go services behind REST endpoints', catalog.taxonomy).map((m) => m.label), ['Go', 'REST APIs']);
  });
});

describe('tone and Responsible-AI checks', () => {
  it('blunt verdicts are found, kind wording is not', () => {
    assert.ok(bluntPhrases('Honestly, you are not a fit for this role.').includes('you are not a fit'));
    assert.deepEqual(bluntPhrases('No chance, give up.'), ['No chance', 'give up']);
    assert.deepEqual(bluntPhrases('You are a stretch for now; the steps above are a path.'), []);
  });

  it('a gap named without anything to do about it is a tone violation', () => {
    const answer = '- Apache Spark: Take the course "Spark Foundations".\n- Apache Airflow\n- 3+ years of experience: The role asks for 3+; the profile shows 1.3. Describe projects so they count.';
    assert.deepEqual(gapsWithoutNextStep(answer, ['Apache Spark', 'Apache Airflow', '3+ years of experience']), ['Apache Airflow']);
  });

  it('protected attributes in an answer are violations', () => {
    assert.deepEqual(protectedMentions('Given your age, consider junior roles. Your SQL is strong.'), ['your age']);
    assert.deepEqual(protectedMentions('Your SQL is strong.'), []);
  });
});

describe('judge replies', () => {
  const ok = (overall: number, extra: Record<string, unknown> = {}) => JSON.stringify({ overall, coherence: 4, hallucination: false, rai_violation: false, reasons: 'fine', ...extra });

  it('agreeing replies give the mean with zero spread', () => {
    const v = summarizeVotes([ok(4), ok(4), ok(4)]);
    assert.equal(v.votes, 3);
    assert.equal(v.overallMean, 4);
    assert.equal(v.overallSpread, 0);
    assert.equal(v.disagreement, false);
  });

  it('malformed and self-contradictory replies are set aside and counted', () => {
    const v = summarizeVotes(['I think it is good', ok(9), ok(5, { hallucination: true }), '```json\n{"overall": "3", "coherence": 3, "hallucination": "false", "rai_violation": false, "reasons": ["ok"]}\n```']);
    assert.equal(v.malformed, 2);
    assert.equal(v.contradictory, 1);
    assert.equal(v.votes, 1);
    assert.equal(v.overallMean, 3);
  });

  it('disagreeing judges are reported with their spread', () => {
    const v = summarizeVotes([ok(5), ok(2, { hallucination: true }), ok(3)]);
    assert.equal(v.disagreement, true);
    assert.ok(v.overallSpread! > 1.2 && v.overallSpread! < 1.3, String(v.overallSpread));
    assert.equal(v.hallucination, false);
  });
});

describe('metrics, baseline and agreement', () => {
  const routing = (expected: string, actual: string): CaseResult => ({ id: `${expected}-${actual}-${Math.random()}`, kind: 'routing', passed: expected === actual, failures: [], latencyMs: 1, costUsd: 0, routing: { expected, actual, confidence: 1 } });

  it('the confusion matrix counts expected × routed intents', () => {
    const { metrics, breakdowns } = computeMetrics([routing('find_jobs', 'find_jobs'), routing('find_jobs', 'assess_fit'), routing('assess_fit', 'assess_fit'), routing('small_talk', 'small_talk')]);
    assert.equal(metrics['routing.accuracy'], 0.75);
    const r = breakdowns.routing!;
    assert.equal(r.confusion[r.labels.indexOf('find_jobs')]![r.labels.indexOf('assess_fit')], 1);
    assert.equal(r.perIntent.assess_fit!.precision, 0.5);
    assert.equal(r.perIntent.find_jobs!.recall, 0.5);
  });

  it('a metric worse than the baseline by more than the tolerance is a regression, in its own direction', () => {
    const deltas = compareWithBaseline({ 'routing.accuracy': 0.85, 'tone.violationRate': 0.01, 'hallucination.rate': 0.05 }, { 'routing.accuracy': 0.9, 'tone.violationRate': 0, 'hallucination.rate': 0.1 }, { tolerance: 0.02, relative: 0.5, ignore: [], fail: true });
    const by = Object.fromEntries(deltas.map((d) => [d.metric, d]));
    assert.equal(by['routing.accuracy']!.regression, true);
    assert.equal(by['tone.violationRate']!.regression, false);
    assert.equal(by['hallucination.rate']!.improvement, true);
  });

  it("Cohen's kappa matches the textbook example and is 1 for identical labels", () => {
    // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 → po 0.7, pe 0.5, κ 0.4.
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    assert.ok(Math.abs(cohensKappa(a, b) - 0.4) < 1e-9);
    assert.equal(cohensKappa(['ok', 'blunt'], ['ok', 'blunt']), 1);
  });

  it('agreement is computed per label over the cases both annotators labelled', () => {
    const at = '2026-01-01';
    const report = annotatorAgreement([
      { caseId: 'c1', annotator: 'ann', labels: { tone: 'ok', overall: 4 }, createdAt: at },
      { caseId: 'c2', annotator: 'ann', labels: { tone: 'blunt' }, createdAt: at },
      { caseId: 'c1', annotator: 'bo', labels: { tone: 'ok', overall: 5 }, createdAt: at },
      { caseId: 'c2', annotator: 'bo', labels: { tone: 'blunt' }, createdAt: at },
    ]);
    const tone = report.find((r) => r.label === 'tone')!;
    assert.equal(tone.meanKappa, 1);
    assert.equal(tone.pairs[0]!.items, 2);
    assert.equal(report.find((r) => r.label === 'overall')!.pairs[0]!.observed, 0);
    assert.equal(report.find((r) => r.label === 'rai')!.meanKappa, null);
  });
});
