import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { parseStructuredOutput } from '../../src/llm/index.ts';
import { loadCorpus, scoreCorpus, scoreJsonRepairCorpora } from '../fixtures/llm-outputs/evaluate.ts';
import { SHARED_DIR } from '../support/databases.ts';

const Route = z.object({
  intent: z.enum(['assess_fit', 'find_jobs', 'small_talk']),
  confidence: z.number().min(0).max(1),
  tags: z.array(z.string()).default([]),
  note: z.string().optional(),
});

describe('defensive parsing of one reply', () => {
  test('fences and surrounding prose are stripped', () => {
    const r = parseStructuredOutput('Sure!\n```json\n{"intent": "find_jobs", "confidence": 0.4}\n```\nAnything else?', Route);
    assert.deepEqual(r.ok && r.value, { intent: 'find_jobs', confidence: 0.4, tags: [] });
  });

  test('broken JSON is repaired: single quotes, unquoted keys, trailing commas', () => {
    const r = parseStructuredOutput("{intent: 'small_talk', 'confidence': 1,}", Route);
    assert.ok(r.ok);
    assert.ok(r.repairs.includes('jsonrepair'));
  });

  test('YAML instead of JSON is read as YAML', () => {
    const r = parseStructuredOutput('intent: assess_fit\nconfidence: 0.9\ntags:\n  - remote\n', Route);
    assert.deepEqual(r.ok && r.value, { intent: 'assess_fit', confidence: 0.9, tags: ['remote'] });
  });

  test('schema-guided coercion: enum case and spacing, numeric strings, single value to array, null optional dropped', () => {
    const r = parseStructuredOutput('{"intent": "Assess Fit", "confidence": "0.75", "tags": "remote", "note": null}', Route);
    assert.deepEqual(r.ok && r.value, { intent: 'assess_fit', confidence: 0.75, tags: ['remote'] });
  });

  test('an enum value that matches no option is rejected, not guessed', () => {
    const r = parseStructuredOutput('{"intent": "dance", "confidence": 0.5}', Route);
    assert.equal(r.ok, false);
  });

  test('a refusal in prose yields no value', () => {
    assert.equal(parseStructuredOutput("I'm sorry, I can't help with that.", Route).ok, false);
    assert.equal(parseStructuredOutput('', Route).ok, false);
  });

  test('a missing required field is never invented', () => {
    assert.equal(parseStructuredOutput('{"intent": "find_jobs"}', Route).ok, false);
  });
});

describe('our corpus of malformed LLM outputs of Fitwise schemas', () => {
  test('has at least 300 cases covering every kind of malformation', () => {
    const cases = loadCorpus();
    assert.ok(cases.length >= 300);
    const kinds = new Set(cases.map((c) => c.mutation));
    for (const k of ['fence_json', 'prose_around', 'trailing_commas', 'single_quotes', 'truncated_closers', 'truncated_string', 'yaml', 'enum_case', 'missing_optional']) assert.ok(kinds.has(k), k);
  });

  test('unrecoverable ≤ 0.01% of recoverable cases, every value as expected, 0 schema-violating values, garbage rejected', () => {
    const s = scoreCorpus();
    assert.ok(s.unrecoverable.length / s.recoverable <= 0.0001, `unrecoverable: ${s.unrecoverable.join(', ')}`);
    assert.deepEqual(s.wrongValue, []);
    assert.deepEqual(s.schemaViolations, []);
    assert.deepEqual(s.garbageAccepted, []);
  });
});

const jsonRepairDir = `${SHARED_DIR}data/benchmarks/json_repair`;
describe('shared json_repair corpora', { skip: existsSync(jsonRepairDir) ? false : `${jsonRepairDir} is absent` }, () => {
  test('never crashes; every n_ file is rejected or repaired to valid JSON; every y_ file is accepted; jsonrepair expectations kept', () => {
    const s = scoreJsonRepairCorpora(jsonRepairDir)!;
    assert.deepEqual(s.crashes, []);
    assert.equal(s.yAccepted, s.yFiles);
    assert.equal(s.nRejected + s.nRepaired, s.nFiles);
    // The TypeScript suite is jsonrepair's own policy: our extra layers (fences, prose, YAML) must not break it.
    assert.ok(s.bySource.jsonrepair_ts.sameValue / s.bySource.jsonrepair_ts.cases >= 0.99, JSON.stringify(s.bySource));
    // And overall we recover at least as many expected values as plain jsonrepair.
    assert.ok(s.sameValue >= s.baselineSameValue, `${s.sameValue} < baseline ${s.baselineSameValue}`);
  });
});
