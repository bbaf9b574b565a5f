import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import type { AppContext } from '../../src/app/index.ts';
import {
  createAssistant, isBlunt, LEVEL_PHRASE, LOCAL_LABEL, measureFitPrompt, neutralizeValue, RECENT_MESSAGES,
  type Assistant, type AssistantEvent, type AssistantIntent,
} from '../../src/assistant/index.ts';
import type { Job, Member } from '../../src/domain/index.ts';
import type { Gateway } from '../../src/llm/index.ts';
import { assessFit } from '../../src/matching/index.ts';
import { SkillRegistry, type Caller, type FitOut } from '../../src/skills/index.ts';
import type { OpenAITestServer } from '../support/openai-test-server.ts';
import { useAssistantFixture } from './fixture.ts';

/** A router stub: these tests are about agents, skills and guardrails, not routing. */
function fixedRouter() {
  const r = { next: 'assess_fit' as AssistantIntent, route: () => ({ intent: r.next, confidence: 1 }) };
  return r;
}

describe('assistant', () => {
  let ctx: AppContext;
  let server: OpenAITestServer;
  let localGateway: Gateway;
  let llmGateway: Gateway;
  let members: Member[];
  let jobs: Job[];
  const router = fixedRouter();
  let local: Assistant;
  let llm: Assistant;
  const registry = new SkillRegistry();

  const fixture = useAssistantFixture({ members: 200, jobs: 50, companies: 8, courses: 80, seed: 5 }, router);
  before(() => ({ ctx, server, localGateway, llmGateway, members, jobs, local, llm } = fixture));

  const member = (i: number): Caller => ({ role: 'member', memberId: members[i]!.id });
  const fit = (m: Member, j: Job) => assessFit(m, j, { taxonomy: ctx.taxonomy, courses: ctx.courses, now: ctx.clock() });
  const ask = (a: Assistant, intent: AssistantIntent, caller: Caller, text: string, extra: Record<string, string> = {}, onEvent?: (e: AssistantEvent) => void) => {
    router.next = intent;
    return a.ask({ caller, text, ...extra }, onEvent);
  };

  describe('on the local engine', () => {
    test('assess_fit states the computed level in plain words, evidence, and a next step for every required gap', async () => {
      for (let i = 0; i < 12; i++) {
        const m = members[i]!;
        const j = jobs[(i * 3) % jobs.length]!;
        const expected = fit(m, j);
        const a = await ask(local, 'assess_fit', member(i), `Am I a fit for ${j.id}?`);
        assert.equal(a.engine, 'local');
        assert.equal(a.data?.level, expected.level);
        assert.ok(a.answer.includes(LEVEL_PHRASE[expected.level]!), a.answer);
        assert.ok(a.answer.includes(LOCAL_LABEL), 'says it is composed from computed facts');
        for (const q of expected.qualifications.filter((x) => x.kind === 'required' && x.status !== 'met')) {
          const line = a.answer.split('\n').find((l) => l.startsWith(`- ${q.requirement}`));
          assert.ok(line && line.split(': ').length > 1, `gap ${q.requirement} has a next step in:\n${a.answer}`);
        }
        assert.ok(a.answer.split(/(?<=[.!?])\s+/).every((s) => !isBlunt(s)), 'no blunt verdict');
        assert.ok(a.citations.some((c) => c.kind === 'job' && c.id === j.id));
      }
    });

    test('every agent answers from computed facts for the role it serves', async () => {
      const j = jobs[0]!;
      const rec: Caller = { role: 'recruiter', companyId: j.companyId };
      const cases: [AssistantIntent, Caller, string, RegExp][] = [
        ['find_jobs', member(1), 'remote jobs', /Best fits first|No open job/],
        ['company_info', member(1), `tell me about ${j.companyId}`, /company with/],
        ['improve_profile', member(1), 'improve my profile', /scores \d+\/100/],
        ['learning_path', member(1), `what should I learn for ${j.id}?`, /learning path|catalogue has nothing/],
        ['interview_prep', member(1), `prepare me for the interview for ${j.id}`, /Likely questions/],
        ['find_candidates', rec, `find candidates for ${j.id}`, /candidates|No open-to-work/],
        ['rank_applicants', rec, `rank the applicants for ${j.id}`, /best fit first|no applicants/],
        ['improve_posting', rec, `review my posting ${j.id}`, /scores \d+\/100/],
        ['small_talk', member(1), 'hello!', /Hello/],
        ['out_of_scope', member(1), 'what is the capital of France?', /outside what I can help with/],
      ];
      for (const [intent, caller, text, expected] of cases) {
        const a = await ask(local, intent, caller, text);
        assert.equal(a.intent, intent);
        assert.equal(a.engine, 'local');
        assert.match(a.answer, expected, `${intent}: ${a.answer}`);
        assert.ok(a.skillCalls.every((c) => !c.error), `${intent}: ${JSON.stringify(a.skillCalls)}`);
      }
    });

    test('without a job id, assess_fit asks which job and offers the best-fitting ones', async () => {
      const a = await ask(local, 'assess_fit', member(2), 'am I a fit?');
      assert.equal(a.data?.needs, 'jobId');
      assert.match(a.answer, /Which job/);
    });

    test('a recruiter request to rank by a protected attribute is refused; nothing runs', async () => {
      const j = jobs[0]!;
      const a = await ask(local, 'rank_applicants', { role: 'recruiter', companyId: j.companyId }, `rank the applicants for ${j.id} by age, youngest first`);
      assert.ok(a.guardrails.some((g) => g.guardrail === 'responsible_ai' && g.action === 'refused'));
      assert.equal(a.skillCalls.length, 0);
      assert.match(a.answer, /can't rank/);
    });

    test('a member cannot use recruiter agents, and a recruiter cannot rank another company\'s applicants', async () => {
      const j = jobs[0]!;
      const m = await ask(local, 'rank_applicants', member(3), `rank the applicants for ${j.id}`);
      assert.equal(m.data?.roleMismatch, true);
      assert.equal(m.skillCalls.length, 0);
      const other = jobs.find((x) => x.companyId !== j.companyId)!;
      const r = await ask(local, 'rank_applicants', { role: 'recruiter', companyId: j.companyId }, `rank the applicants for ${other.id}`);
      assert.match(r.skillCalls[0]!.error ?? '', /own company/);
    });

    test('recruiter answers never contain applicants\' contact data', async () => {
      for (const j of jobs.slice(0, 5)) {
        const a = await ask(local, 'rank_applicants', { role: 'recruiter', companyId: j.companyId }, `rank the applicants for ${j.id}`);
        const apps = await ctx.repos.applications.forJob(j.id);
        const people = await ctx.repos.members.getMany(apps.map((x) => x.memberId));
        for (const p of people) {
          if (p.contact.email) assert.ok(!a.answer.includes(p.contact.email));
          if (p.contact.name) assert.ok(!a.answer.includes(p.contact.name), p.contact.name);
        }
      }
    });

    test('conversations are persisted per member; follow-ups remember the job; older turns are summarized', async () => {
      const j = jobs[4]!;
      const caller = member(5);
      const first = await ask(local, 'assess_fit', caller, `Am I a fit for ${j.id}?`);
      const second = await local.ask({ caller, text: 'and what should I learn for it?', conversationId: first.conversationId }, undefined);
      void second;
      router.next = 'learning_path';
      const third = await local.ask({ caller, text: 'ok, what should I learn for it?', conversationId: first.conversationId });
      assert.ok(third.skillCalls.some((c) => c.name === 'suggest_courses' && c.args.jobId === j.id), JSON.stringify(third.skillCalls));
      for (let k = 0; k < 5; k++) await ask(local, 'small_talk', caller, `thanks ${k}`, { conversationId: first.conversationId });
      const stored = (await ctx.repos.conversations.get(first.conversationId))!;
      assert.equal(stored.memberId, caller.memberId);
      assert.equal(stored.messages.length, 16);
      assert.match(stored.summary, new RegExp(`asked: Am I a fit for ${j.id}`));
      assert.ok(stored.messages.length > RECENT_MESSAGES);
      await assert.rejects(local.ask({ caller: member(6), text: 'hi', conversationId: first.conversationId }), /belongs to someone else/);
    });
  });

  describe('on an LLM (local OpenAI-compatible test server)', () => {
    const LEVEL = LEVEL_PHRASE;

    async function fitFacts(i: number, j: Job): Promise<FitOut> {
      const out = await registry.call('assess_fit', { jobId: j.id }, { app: ctx, caller: member(i), env: {} });
      return neutralizeValue(out.result as FitOut);
    }

    /** What a well-behaved model writes from the facts. */
    function groundedAnswer(f: FitOut): string[] {
      return [
        `For ${f.jobTitle} at ${f.company}, you are ${LEVEL[f.level]} (${f.summary}).`,
        ...f.met.slice(0, 2).map((q) => `You bring ${q.requirement}${q.evidence[0] ? `, shown by "${q.evidence[0].quote}"` : ''}.`),
        ...f.gaps.filter((g) => g.kind === 'required').slice(0, 3).map((g) => `For ${g.requirement}: ${g.nextSteps[0]?.text ?? 'practise it on a project'}.`),
        'Keep going: each of these steps moves you closer to roles like this one.',
      ];
    }

    test('a grounded model answer streams through unchanged, with tokens and cost accounted', async () => {
      const j = jobs[1]!;
      const f = await fitFacts(7, j);
      const content = groundedAnswer(f).join(' ');
      server.enqueue({ content, usage: { promptTokens: 300, completionTokens: 120 } });
      const events: AssistantEvent[] = [];
      const a = await ask(llm, 'assess_fit', member(7), `Am I a fit for ${j.id}?`, {}, (e) => events.push(e));
      assert.equal(a.engine, 'openai-compatible');
      assert.equal(a.guardrails.filter((g) => g.action === 'dropped_sentence').length, 0, JSON.stringify(a.guardrails));
      assert.ok(a.answer.startsWith(content.slice(0, 60)));
      assert.deepEqual(a.tokens, { input: 300, output: 120 });
      assert.equal(a.costUsd, (300 * 30 + 120 * 60) / 1e6);
      const types = events.map((e) => e.type);
      assert.deepEqual([types[0], types[1], types[2]], ['route', 'skill_call', 'skill_result']);
      assert.equal(types.at(-1), 'final');
      const streamed = events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('');
      assert.equal(streamed.trim(), a.answer.trim());
      const prompt = JSON.stringify(server.requests.at(-1)!.body!.messages);
      assert.ok(prompt.includes('<data source=\\"assess_fit\\">'), 'facts are fenced as data');
    });

    test('100% of hallucinated skills, employers, numbers, dates and courses injected into fit answers are caught', async () => {
      const companies = (await ctx.repos.companies.list({ limit: 50, offset: 0 })).items.map((c) => c.name);
      const kinds = ['skill', 'employer_unknown', 'employer_known', 'number', 'date', 'course_catalogue', 'course_invented'] as const;
      let injected = 0;
      let caught = 0;
      let falseDrops = 0;
      const misses: string[] = [];
      for (let p = 0; p < 8; p++) {
        const i = 20 + p;
        const j = jobs[(p * 5 + 2) % jobs.length]!;
        const f = await fitFacts(i, j);
        const factsText = JSON.stringify(f).toLowerCase();
        const skill = ctx.taxonomy.skills().find((s, k) => k % 8 === p && !factsText.includes(s.label.toLowerCase()) && s.label.length > 4)!;
        const known = companies.find((c) => !factsText.includes(c.toLowerCase()))!;
        const course = ctx.courses.find((c, k) => k >= p && !factsText.includes(c.title.toLowerCase()))!;
        for (const kind of kinds) {
          const claim = {
            skill: { sentence: `You also have hands-on experience with ${skill.label}, which helps here.`, mark: skill.label },
            employer_unknown: { sentence: `Your years at ${['Initech Systems', 'Globex Corporation', 'Umbrella Labs', 'Stark Industries'][p % 4]} count toward this.`, mark: ['Initech Systems', 'Globex Corporation', 'Umbrella Labs', 'Stark Industries'][p % 4]! },
            employer_known: { sentence: `Your time at ${known} is relevant experience.`, mark: known },
            number: { sentence: `You have ${17 + p} years of relevant experience.`, mark: `${17 + p} years` },
            date: { sentence: `You have worked in this field since ${1990 + p}.`, mark: String(1990 + p) },
            course_catalogue: { sentence: `The course ${course.title} would close your gaps.`, mark: course.title },
            course_invented: { sentence: `Take "Applied ${p}-Week Mastery Bootcamp" to close the gaps.`, mark: `${p}-Week Mastery Bootcamp` },
          }[kind];
          const sentences = groundedAnswer(f);
          sentences.splice(2, 0, claim.sentence);
          server.enqueue({ content: sentences.join(' ') });
          let streamed = '';
          const a = await ask(llm, 'assess_fit', member(i), `Am I a fit for ${j.id}?`, {}, (e) => { if (e.type === 'token') streamed += e.text; });
          injected++;
          assert.ok(!streamed.includes(claim.mark), `${kind}: the claim never reaches the stream`);
          const dropped = a.guardrails.filter((g) => g.action === 'dropped_sentence');
          if (!a.answer.includes(claim.mark) && dropped.some((g) => g.sentence?.includes(claim.mark))) caught++;
          else misses.push(`${kind}: ${claim.sentence} → ${a.answer}`);
          falseDrops += dropped.filter((g) => !g.sentence?.includes(claim.mark)).length;
          assert.equal(a.data?.level, f.level);
        }
      }
      assert.equal(caught, injected, misses.join('\n'));
      assert.ok(injected >= 50);
      assert.equal(falseDrops, 0, 'grounded sentences are kept');
    });

    test('every agent\'s model answer is guarded against its own facts: grounded sentences kept, an invented employer dropped', async () => {
      const j = jobs[0]!;
      const rec: Caller = { role: 'recruiter', companyId: j.companyId };
      const cases: [AssistantIntent, Caller, string][] = [
        ['find_jobs', member(14), 'remote jobs'],
        ['company_info', member(14), `tell me about ${j.companyId}`],
        ['improve_profile', member(14), 'improve my profile'],
        ['learning_path', member(14), `what should I learn for ${j.id}?`],
        ['interview_prep', member(14), `prepare me for the interview for ${j.id}`],
        ['rank_applicants', rec, `rank the applicants for ${j.id}`],
        ['improve_posting', rec, `review my posting ${j.id}`],
      ];
      const falseDrops: string[] = [];
      for (const [intent, caller, text] of cases) {
        const honest = (await ask(local, intent, caller, text)).answer.replace(LOCAL_LABEL, '').trim();
        const lines = honest.split('\n');
        lines.splice(1, 0, 'You should also talk to Initech Systems about this.');
        server.enqueue({ content: lines.join('\n') });
        const a = await ask(llm, intent, caller, text);
        assert.equal(a.engine, 'openai-compatible', `${intent}: ${JSON.stringify(a.guardrails)}`);
        assert.ok(!a.answer.includes('Initech'), intent);
        for (const g of a.guardrails) if (g.action === 'dropped_sentence' && !g.sentence?.includes('Initech')) falseDrops.push(`${intent}: ${g.sentence} (${g.detail})`);
      }
      assert.deepEqual(falseDrops, []);
    });

    test('an answer that is mostly invented falls back to the local engine', async () => {
      const j = jobs[3]!;
      server.enqueue({ content: 'You worked at Initech Systems for 12 years. You led 40 people at Globex Corporation. You hold a PhD from Hogwarts. You are a strong fit.' });
      const a = await ask(llm, 'assess_fit', member(9), `Am I a fit for ${j.id}?`);
      assert.equal(a.engine, 'local');
      assert.ok(a.guardrails.some((g) => g.action === 'fallback_local'));
      assert.ok(a.answer.includes(LOCAL_LABEL));
      assert.ok(!a.answer.includes('Initech'));
      assert.ok(a.tokens.input > 0, 'the model call is still accounted');
    });

    test('with the LLM planner the model chooses the skill calls, scoped to the caller', async () => {
      const planned = createAssistant({ app: ctx, gateway: llmGateway, router, planner: 'llm' });
      const j = jobs[6]!;
      server.enqueue(
        { toolCalls: [{ name: 'assess_fit', arguments: { jobId: j.id, memberId: members[0]!.id } }] },
      );
      const first = await ask(planned, 'assess_fit', member(10), `how do I look for the ${j.title} role?`);
      assert.match(first.skillCalls[0]!.error ?? '', /own profile/, 'another member is refused even when the model asks');
      server.enqueue({ toolCalls: [{ name: 'assess_fit', arguments: { jobId: j.id } }] }, { content: `You are ${LEVEL[fit(members[10]!, j).level]}.` });
      const second = await ask(planned, 'assess_fit', member(10), `how do I look for the ${j.title} role?`);
      assert.equal(second.skillCalls[0]!.name, 'assess_fit');
      assert.equal(second.data?.level, fit(members[10]!, j).level);
      const planRequest = server.requests.find((r) => Array.isArray(r.body?.tools));
      assert.ok(planRequest, 'the planning call offers tools');
      const offered = (planRequest!.body!.tools as { function: { name: string } }[]).map((t) => t.function.name);
      assert.ok(offered.includes('assess_fit'));
      assert.ok(!offered.includes('list_applicants_ranked') && !offered.includes('search_members'), 'a member is never offered recruiter skills');
    });

    test('another member\'s contact data in a model answer is removed', async () => {
      const j = jobs[8]!;
      const other = members.find((m) => m.contact.email)!;
      const f = await fitFacts(11, j);
      const s = groundedAnswer(f);
      s.splice(1, 0, `You could reach out to ${other.contact.email} for advice.`);
      server.enqueue({ content: s.join(' ') });
      const a = await ask(llm, 'assess_fit', member(11), `Am I a fit for ${j.id}?`);
      assert.ok(!a.answer.includes(other.contact.email!));
      assert.ok(a.guardrails.some((g) => g.guardrail === 'privacy'));
    });
  });

  test('fit prompts use at most 35% of the input tokens of a naive JSON-dump prompt over 200 seeded pairs', async () => {
    let compact = 0;
    let naive = 0;
    for (let i = 0; i < 200; i++) {
      const t = await measureFitPrompt(ctx, registry, members[i]!, jobs[(i * 7) % jobs.length]!);
      compact += t.compact;
      naive += t.naive;
    }
    assert.ok(compact / naive <= 0.35, `ratio ${(compact / naive).toFixed(3)} (${compact} vs ${naive})`);
  });

  describe('HTTP API', () => {
    let app: FastifyInstance;
    let base: string;
    before(async () => {
      app = await buildServer(ctx, { assistant: local });
      tokens[12] = await ctx.repos.tokens.create({ role: 'member', memberId: members[12]!.id, name: 'm12' });
      tokens[13] = await ctx.repos.tokens.create({ role: 'member', memberId: members[13]!.id, name: 'm13' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => { await app.close(); });

    const tokens: Record<number, string> = {};
    const headers = (i: number) => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` });

    test('POST /v1/assistant/messages answers JSON, or SSE events ending in final', async () => {
      const j = jobs[2]!;
      router.next = 'assess_fit';
      const json = await fetch(`${base}/v1/assistant/messages`, { method: 'POST', headers: headers(12), body: JSON.stringify({ text: `Am I a fit for ${j.id}?` }) });
      assert.equal(json.status, 200);
      const body = await json.json() as { intent: string; engine: string; answer: string; conversationId: string };
      assert.equal(body.intent, 'assess_fit');
      assert.equal(body.engine, 'local');
      const sse = await fetch(`${base}/v1/assistant/messages`, { method: 'POST', headers: { ...headers(12), accept: 'text/event-stream' }, body: JSON.stringify({ text: `Am I a fit for ${j.id}?`, conversationId: body.conversationId }) });
      assert.match(sse.headers.get('content-type') ?? '', /text\/event-stream/);
      const text = await sse.text();
      const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      assert.equal(names[0], 'route');
      assert.ok(names.includes('skill_call') && names.includes('skill_result') && names.includes('token'));
      assert.equal(names.at(-1), 'final');
      const final = JSON.parse(/event: final\ndata: (.*)\n/.exec(text)![1]!) as { answer: string; conversationId: string };
      assert.equal(final.answer, body.answer);
      const history = await (await fetch(`${base}/v1/assistant/conversations/${body.conversationId}`, { headers: headers(12) })).json() as { messages: unknown[] };
      assert.equal(history.messages.length, 4);
      const list = await (await fetch(`${base}/v1/assistant/conversations`, { headers: headers(12) })).json() as { items: { id: string }[] };
      assert.ok(list.items.some((c) => c.id === body.conversationId));
      assert.equal((await fetch(`${base}/v1/assistant/conversations/${body.conversationId}`, { headers: headers(13) })).status, 403);
    });

    test('without an identity the endpoint answers 401; an empty message 400', async () => {
      const r = await fetch(`${base}/v1/assistant/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
      assert.equal(r.status, 401);
      const e = await fetch(`${base}/v1/assistant/messages`, { method: 'POST', headers: headers(12), body: JSON.stringify({ text: '' }) });
      assert.equal(e.status, 400);
    });
  });
});
