import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FitAssessment } from '../../src/matching/index.ts';
import { browserSkipReason, launchBrowser, screenshot, seedOperationsData, signIn, startWebServer, type WebServer } from './harness.ts';

const skip = browserSkipReason();
if (skip) process.stdout.write(`${skip}\n`);

describe('web app in a real browser (chromium via playwright-core)', { skip }, () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let demoMemberId: string;

  before(async () => {
    server = await startWebServer();
    await seedOperationsData(server.ctx);
    // The demo member (the one `POST /v1/auth/demo {"as":"member"}` picks) wants alerts for partial fits and up.
    const me = await (await fetch(`${server.base}/v1/me`, { headers: { authorization: `Bearer ${await demoToken('member')}` } })).json() as { memberId: string };
    const member = await server.ctx.repos.members.require(me.memberId);
    demoMemberId = member.id;
    await server.ctx.repos.members.upsert({ ...member, alerts: { enabled: true, minLevel: 'partial', channels: ['in_app'], maxPerDay: 100 } });
    // A job the member mostly fits, missing one skill a catalogue course teaches (so there are next steps).
    const own = new Set(member.skills.map((s) => s.skillId).filter(Boolean));
    const taught = server.ctx.courses.flatMap((c) => c.skills).find((id) => !own.has(id) && server.ctx.taxonomy.has(id));
    assert.ok(taught, 'the course catalogue teaches a skill the member lacks');
    const recruiterToken = await demoToken('recruiter');
    const res = await fetch(`${server.base}/v1/jobs`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${recruiterToken}` },
      body: JSON.stringify({
        title: `${member.skills[0]!.name} engineer`, description: 'Build and run data products with a small, friendly team.', remote: 'remote',
        seniority: member.seniority ?? 'mid', employmentType: member.preferences.employmentTypes[0] ?? 'full_time', status: 'open',
        required: { skills: [...member.skills.slice(0, 3).map((s) => ({ name: s.name })), { name: server.ctx.taxonomy.labelOf(taught!) }] },
      }),
    });
    assert.equal(res.status, 201, await res.text());
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  /** A fresh, isolated browser profile (own localStorage, so each user has their own token). */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function demoToken(role: 'member' | 'recruiter' | 'admin'): Promise<string> {
    const res = await fetch(`${server.base}/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: role }) });
    return (await res.json() as { token: string }).token;
  }
  const apiAs = async (role: 'member' | 'admin', path: string) => {
    const token = await demoToken(role);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-role': role, ...(role === 'member' ? { 'x-member-id': demoMemberId } : {}) };
    return await (await fetch(server.base + path, { headers })).json() as any;
  };

  test('a member signs in with the keyboard, assesses their fit and sees the streamed answer with next steps', async () => {
    // A matched job where the member misses something, so the answer must carry next steps.
    const matches = await apiAs('member', `/v1/members/${demoMemberId}/matches?limit=20`);
    assert.ok(matches.items.length > 0, 'the demo member has matched jobs');
    let chosen: { jobId: string; title: string; fit: FitAssessment } | undefined;
    for (const m of matches.items) {
      const fit = await apiAs('member', `/v1/members/${demoMemberId}/fit/${m.jobId}`) as FitAssessment;
      if (fit.qualifications.some((q) => q.status !== 'met' && q.nextSteps?.length)) { chosen = { jobId: m.jobId, title: m.job.title, fit }; break; }
    }
    assert.ok(chosen, 'some matched job has a gap with next steps');

    const page = await newPage();
    await page.goto(`${server.base}/`);
    await page.waitForURL('**/login');
    await page.getByTestId('login-member').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/member');
    await page.getByRole('list', { name: 'Matched jobs' }).waitFor();
    assert.ok(await page.locator('.job-card .badge[data-level]').count() > 0, 'matched jobs show their fit levels');

    await page.getByRole('link', { name: chosen.title, exact: true }).first().click();
    await page.waitForURL(`**/member/jobs/${chosen.jobId}`);
    const wire = server.features.assistant ? page.waitForResponse((r) => r.url().endsWith('/v1/assistant/messages')) : undefined;
    await page.getByTestId('assess-fit').click();
    if (wire) {
      const res = await wire;
      assert.match(res.headers()['content-type'] ?? '', /text\/event-stream/, 'the answer is streamed (SSE)');
      const body = await res.text();
      assert.ok((body.match(/^event: token$/gm) ?? []).length >= 1, 'the answer arrives as token events');
      assert.match(body, /^event: final$/m);
    }
    const answer = page.getByTestId('streamed-answer');
    await answer.and(page.locator('[data-status="done"]')).waitFor();
    const text = (await answer.locator('.answer-text').innerText()).trim();
    assert.ok(text.length > 20, `a real answer is shown, got ${JSON.stringify(text)}`);

    // The breakdown shows the fit tier's own level, gaps with evidence and next steps.
    const breakdown = page.getByTestId('fit-breakdown');
    await breakdown.waitFor();
    assert.equal(await breakdown.locator('.fit-summary .badge').getAttribute('data-level'), chosen.fit.level);
    const gaps = chosen.fit.qualifications.filter((q) => q.status !== 'met');
    assert.equal(await breakdown.locator('.qual:not([data-status="met"])').count(), gaps.length);
    const steps = breakdown.getByTestId('next-steps');
    assert.ok(await steps.count() >= 1, 'next steps are listed');
    const step = gaps.flatMap((q) => q.nextSteps ?? [])[0]!;
    const words = step.kind === 'course' ? step.title : step.kind === 'adjacent_skill' ? step.label : step.advice;
    assert.ok((await breakdown.innerText()).includes(words), `the next step "${words}" is shown`);
    await screenshot(page, 'member-assess-fit');

    // Responsive: on a phone-sized screen nothing overflows sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 390 px (overflow ${overflow} px)`);
    await screenshot(page, 'member-assess-fit-phone');
  });

  test('a member chats with the assistant and gets profile coaching, both streamed', { skip: false }, async (t) => {
    if (!server.features.assistant) { t.skip('the assistant route is not present'); return; }
    const page = await newPage();
    await signIn(page, server.base, 'member');
    await page.getByRole('link', { name: 'Assistant' }).click();
    await page.getByLabel('Your question').fill('What should I learn next?');
    await page.keyboard.press('Enter');
    const answer = page.getByTestId('chat-answer').last();
    await answer.and(page.locator('[data-status="done"]')).waitFor();
    assert.match(await answer.locator('.chip').first().innerText(), /intent: /, 'the routed intent is shown');
    assert.ok((await answer.locator('.answer-text').innerText()).trim().length > 20);
    await expectInputCleared(page);

    await page.getByRole('link', { name: 'Profile coach' }).click();
    const coach = page.getByTestId('profile-coach');
    await coach.and(page.locator('[data-status="done"]')).waitFor();
    const meter = page.getByRole('meter', { name: 'Profile quality' });
    await meter.waitFor();
    const score = Number(await meter.getAttribute('aria-valuenow'));
    assert.ok(score >= 0 && score <= 100, `a 0-100 score, got ${score}`);
    assert.ok((await coach.locator('.answer-text').innerText()).includes(String(score)), 'the coach text states the same score');
    await screenshot(page, 'member-profile-coach');
  });

  async function expectInputCleared(page: Page): Promise<void> {
    assert.equal(await page.getByLabel('Your question').inputValue(), '');
  }

  test('a recruiter posts a job with live coaching and the open member page shows the notification within 2 s', { skip: false }, async (t) => {
    const member = await server.ctx.repos.members.require(demoMemberId);
    const memberPage = await newPage();
    await signIn(memberPage, server.base, 'member');
    if (server.features.notifications) await memberPage.getByRole('img', { name: 'Live updates on' }).waitFor();

    const recruiter = await newPage();
    await signIn(recruiter, server.base, 'recruiter');
    await recruiter.getByRole('link', { name: 'Post a job' }).first().click();
    await recruiter.waitForURL('**/recruiter/post');
    const title = `Browser test role ${Date.now()}`;
    const coach = recruiter.getByTestId('posting-coach');
    const emptyScore = Number(await coach.getByRole('meter').getAttribute('aria-valuenow'));
    await recruiter.getByLabel('Job title').fill(title);
    await recruiter.getByLabel('Description').fill('We want a rockstar who is young and energetic to join our growing team and build data products with us.');
    await coach.getByTestId('inclusive-flags').waitFor();
    const flags = await coach.getByTestId('inclusive-flags').innerText();
    assert.match(flags, /rockstar/i, 'gender-coded wording is flagged as the recruiter types');
    const skills = member.skills.slice(0, 3).map((s) => s.name);
    await recruiter.getByLabel('Required skills').fill(skills.join(', '));
    await recruiter.getByLabel('Workplace').selectOption('remote');
    if (member.seniority) await recruiter.getByLabel('Seniority').selectOption(member.seniority);
    await recruiter.getByLabel('Employment').selectOption(member.preferences.employmentTypes[0] ?? 'full_time');
    await recruiter.getByLabel('Salary from (per year)').fill('50000');
    await recruiter.getByLabel('Salary to (per year)').fill('70000');
    await recruiter.getByLabel('Notify members who are at least').selectOption('partial');
    await recruiter.waitForTimeout(400); // the coach re-scores after a short pause in typing
    const scoreNow = Number(await coach.getByRole('meter').getAttribute('aria-valuenow'));
    assert.ok(scoreNow > emptyScore, `adding skills and a salary range raises the score (${emptyScore} → ${scoreNow})`);
    await screenshot(recruiter, 'recruiter-post-job');

    const postedAt = Date.now();
    const created = recruiter.waitForResponse((r) => r.url().endsWith('/v1/jobs') && r.request().method() === 'POST');
    await recruiter.getByTestId('post-job').click();
    assert.equal((await created).status(), 201);
    const answeredAt = Date.now();
    await recruiter.waitForURL('**/recruiter/jobs/**');

    if (!server.features.notifications) {
      t.diagnostic('the notification routes are not present: checked the posting only');
      return;
    }
    const toast = memberPage.getByTestId('toast').filter({ hasText: title });
    await toast.waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - postedAt;
    t.diagnostic(`notification shown ${elapsed} ms after the recruiter clicked "Post job" (the POST answered after ${answeredAt - postedAt} ms)`);
    assert.ok(elapsed < 2_000, `notification within 2 s (took ${elapsed} ms)`);
    await screenshot(memberPage, 'member-notification');

    // The recruiter's page counts the matched members live.
    await recruiter.getByTestId('matched-count').filter({ hasText: /^[1-9]\d*$/ }).waitFor({ timeout: 5_000 });
    await screenshot(recruiter, 'recruiter-job-live');
  });

  test('an operator sees cost, latency, budget, evaluation and engine charts', async () => {
    // Operators sign in with an issued API token (the login page's token form).
    const token = await server.ctx.repos.tokens.create({ role: 'admin', name: 'browser-test operator' });
    const page = await newPage();
    await page.goto(`${server.base}/login`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/ops');
    for (const id of ['chart-day', 'chart-feature', 'chart-model', 'chart-latency', 'chart-budgets', 'chart-evals']) {
      await page.getByTestId(id).locator('svg.recharts-surface').first().waitFor();
      const marks = await page.getByTestId(id).locator('.recharts-bar-rectangle, .recharts-line-curve, .recharts-area-area, .recharts-area-curve').count();
      assert.ok(marks > 0, `${id} draws data`);
    }
    const costs = await apiAs('admin', '/v1/ops/costs?by=day&days=30');
    const calls = await page.locator('.stat').filter({ hasText: 'Model calls' }).locator('.stat-value').innerText();
    assert.equal(calls, Intl.NumberFormat('en', { notation: 'compact' }).format(costs.total.calls));
    assert.match(await page.getByTestId('engines').innerText(), /local/);
    await screenshot(page, 'operator-dashboard');
  });
});
