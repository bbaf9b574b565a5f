/**
 * Writes the README screenshots of the three views to docs/screenshots/ (member fit, recruiter posting,
 * operator dashboard): a real server on demo data, driven by chromium like the browser tests.
 *
 *   node --import tsx scripts/screenshots.ts [--out docs/screenshots]
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, browserSkipReason, launchBrowser, seedOperationsData, signIn, startWebServer } from '../test/web/harness.ts';

const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1]! : join(REPO_ROOT, 'docs', 'screenshots'));

async function main(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) throw new Error(skip);
  mkdirSync(outDir, { recursive: true });
  const server = await startWebServer({ members: 150, jobs: 120 });
  const browser = await launchBrowser();
  try {
    await seedOperationsData(server.ctx);
    const member = (await server.ctx.repos.members.list({ limit: 1, offset: 0, openToWork: true })).items[0]!;
    // A posting the demo member nearly fits: one required skill is missing and a course teaches it.
    const own = new Set(member.skills.map((s) => s.skillId));
    const taught = server.ctx.courses.flatMap((c) => c.skills).find((id) => !own.has(id) && server.ctx.taxonomy.has(id));
    assert.ok(taught);
    const recruiterToken = (await (await fetch(`${server.base}/v1/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"as":"recruiter"}' })).json() as { token: string }).token;
    const posted = await (await fetch(`${server.base}/v1/jobs`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${recruiterToken}` },
      body: JSON.stringify({
        title: `Senior ${member.skills[0]!.name} Engineer`, remote: 'hybrid', seniority: member.seniority ?? 'mid', status: 'open',
        location: member.location, salary: { min: 70000, max: 90000, currency: 'EUR', period: 'year' },
        description: 'Join a product team that turns data into decisions. You will design, build and run services end to end, with a focus on quality and clear documentation.',
        required: { skills: [...member.skills.slice(0, 3).map((s) => ({ name: s.name })), { name: server.ctx.taxonomy.labelOf(taught!) }] },
      }),
    })).json() as { id: string };

    const shoot = async (page: Page, name: string) => {
      await page.mouse.move(1, 1); // no hover tooltips in the picture
      await page.waitForTimeout(300);
      const path = join(outDir, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      process.stdout.write(`${path}\n`);
    };
    const context = () => browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });

    const m = await (await context()).newPage();
    await signIn(m, server.base, 'member');
    await m.goto(`${server.base}/member/jobs/${encodeURIComponent(posted.id)}`);
    await m.getByTestId('assess-fit').click();
    await m.getByTestId('fit-breakdown').waitFor({ timeout: 20_000 });
    await m.getByTestId('streamed-answer').and(m.locator('[data-status="done"]')).waitFor({ timeout: 20_000 }).catch(() => {});
    await shoot(m, 'member');

    const r = await (await context()).newPage();
    await signIn(r, server.base, 'recruiter');
    await r.goto(`${server.base}/recruiter/post`);
    await r.getByLabel('Job title').fill('Data Engineering Ninja');
    await r.getByLabel('Description').fill('We are a young and dynamic team looking for a rockstar data engineer. He will own our pipelines and work on various other duties.');
    await r.getByLabel('Required skills').fill('Python, SQL, Apache Airflow');
    await r.getByLabel('City').fill('Berlin');
    await r.getByLabel('Country').fill('DE');
    await r.getByTestId('inclusive-flags').waitFor();
    await shoot(r, 'recruiter');

    const o = await (await browser.newContext({ viewport: { width: 1360, height: 1500 }, deviceScaleFactor: 1 })).newPage();
    await signIn(o, server.base, 'admin');
    await o.getByTestId('chart-latency').locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
    await o.getByTestId('chart-evals').locator('svg.recharts-surface').first().waitFor({ timeout: 20_000 });
    await o.waitForTimeout(800); // chart entry animations
    await shoot(o, 'operator');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
