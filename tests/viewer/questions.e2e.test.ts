import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium, paintedPixels, SKIP_BROWSER } from '../support/browser';
import { getJson, startTestServer } from '../support/server';
import { status, urlParam, waitReady, watchedPage } from './helpers';

/**
 * The Questions tab and the briefing buttons in real Chromium over the real seed. What the page
 * should show is read from the API in the test (the answer's entities and claims, the Markdown
 * briefings), never written down here, so the test holds as the knowledge base grows.
 */
describe.skipIf(SKIP_BROWSER)('viewer: saved questions and cited briefings', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const text = async (url: string) => (await fetch(server.url + url)).text();
  /** The answer's entities and claims as drawn and listed on a page. */
  const shown = (p: Page) =>
    p.evaluate(() => ({
      nodes: (window as unknown as { __kg: { nodes(): string[] } }).__kg.nodes().sort(),
      claims: [...document.querySelectorAll<HTMLElement>('.answer-claims li[data-key]')].map((li) => li.dataset.key),
    }));
  const answerReady = async (p: Page) => {
    await p.locator('.answer-claims li[data-key]').first().waitFor();
    await waitReady(p);
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await watchedPage(browser, consoleErrors, {
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the saved questions the API lists, with their descriptions', async () => {
    const { body } = await getJson(server.url, '/api/questions');
    const questions = body.questions as { id: string; title: string; description: string }[];
    await page.goto(`${server.url}/?tab=questions`);
    const items = page.locator('.question-list li[data-question]');
    await items.first().waitFor();
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.question))).toEqual(
      questions.map((q) => q.id),
    );
    const first = items.first();
    expect(await first.locator('.question-title').textContent()).toBe(questions[0]!.title);
    expect(await first.locator('.description').textContent()).toBe(questions[0]!.description);
  });

  it('offers only the kinds an entity parameter takes in its picker', async () => {
    await page.locator('.question-list li[data-question="targets-of"] button').click();
    const input = page.locator('#question-param-actor');
    // The main search finds the CPEC, a project; "whom does an actor target?" takes no project.
    const { body } = await getJson(server.url, '/api/search?q=cpec');
    expect(body.results.map((r: { id: string }) => r.id)).toContain('cpec');
    await input.fill('cpec');
    await page.locator('#question-param-actor-results li').first().waitFor();
    expect(await page.locator('#question-param-actor-results li[data-id="cpec"]').count()).toBe(0);
  });

  it('answers a question whose entity was picked with the search box: the graph and its claims', async () => {
    const input = page.locator('#question-param-actor');
    await input.fill('');
    await input.pressSequentially('tehreek');
    await page.locator('#question-param-actor-results li[data-id="ttp"]').click();
    expect(await input.inputValue()).toBe('Tehreek-e-Taliban Pakistan');
    await page.click('#question-run');
    await answerReady(page);

    const { body: answer } = await getJson(server.url, '/api/questions/targets-of?actor=ttp');
    const entities = (answer.graph.nodes as { key: string }[]).map((n) => n.key).sort();
    expect(entities.length).toBeGreaterThan(1);
    const seen = await shown(page);
    expect(seen.nodes).toEqual(entities);
    expect(seen.claims).toEqual((answer.claims as { key: string }[]).map((c) => c.key));
    expect(await page.locator('.answer-claims li').first().textContent()).toContain(answer.claims[0].evidence[0].title);
    expect((await status(page)).text).toContain(`answer to "${answer.question.title}"`);
    expect(await paintedPixels(page, '#graph')).toBeGreaterThan(100);
    expect(urlParam(page, 'tab')).toBe('questions');
    expect(urlParam(page, 'question')).toBe('targets-of');
    expect(urlParam(page, 'q.actor')).toBe('ttp');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'questions-tab.png') });
  });

  it('reruns the question from its URL in a new page: the same answer, the form filled', async () => {
    const other = await watchedPage(browser, consoleErrors);
    try {
      await other.goto(page.url());
      await answerReady(other);
      expect(await shown(other)).toEqual(await shown(page));
      await other.waitForFunction(
        () => document.querySelector<HTMLInputElement>('#question-param-actor')?.value === 'Tehreek-e-Taliban Pakistan',
      );
    } finally {
      await other.close();
    }
  });

  it('"Download .md" saves the API\'s Markdown briefing of the answer, named after it', async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.question-answer [data-action="download-briefing"]'),
    ]);
    expect(file.suggestedFilename()).toBe('targets-of-ttp.md');
    const expected = await text('/api/questions/targets-of?actor=ttp&format=markdown');
    expect(expected).toMatch(/^# Whom does an actor target\?/);
    expect(readFileSync((await file.path())!, 'utf8')).toBe(expected);

    // The server has the source texts: "with passages" quotes the cited paragraphs, as the API does.
    await page.check('.question-answer [data-action="briefing-passages"]');
    const [quoted] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.question-answer [data-action="download-briefing"]'),
    ]);
    const withPassages = await text('/api/questions/targets-of?actor=ttp&format=markdown&passages=true');
    expect(withPassages.length).toBeGreaterThan(expected.length);
    expect(readFileSync((await quoted.path())!, 'utf8')).toBe(withPassages);
    await page.uncheck('.question-answer [data-action="briefing-passages"]');
  });

  it('"Copy briefing" puts the same briefing on the clipboard', async () => {
    await page.click('.question-answer [data-action="copy-briefing"]');
    await page.locator('.question-answer .briefing-message', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await text('/api/questions/targets-of?actor=ttp&format=markdown'));
  });

  it('shows a bad parameter next to the form, under the field it names', async () => {
    await page.goto(`${server.url}/?tab=questions&question=changes-around`);
    await page.locator('#question-param-from').waitFor();
    await page.fill('#question-param-from', '2021-13');
    await page.click('#question-run');
    const { body } = await getJson(server.url, '/api/questions/changes-around?from=2021-13');
    const error = page.locator('.field[data-param="from"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(body.error.message);
    expect(body.error.message).toContain('"from"');
    expect(await page.locator('.field[data-param="to"] .field-error').isHidden()).toBe(true);
    expect(await page.locator('.answer-claims').count()).toBe(0);

    // An entity of a kind the parameter does not take, from a hand-made link.
    await page.goto(`${server.url}/?tab=questions&question=targets-of&q.actor=cpec`);
    const kindError = page.locator('.field[data-param="actor"] .field-error');
    await kindError.waitFor();
    const { body: refused } = await getJson(server.url, '/api/questions/targets-of?actor=cpec');
    expect(await kindError.textContent()).toBe(refused.error.message);
    expect(refused.error.message).toContain('"actor"');
  });

  it('offers the briefing of an entity open in the panel and of a paths result', async () => {
    await page.goto(`${server.url}/?focus=bla`);
    await waitReady(page);
    const entityActions = page.locator('#panel .entity-panel .briefing-actions');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      entityActions.locator('[data-action="download-briefing"]').click(),
    ]);
    expect(file.suggestedFilename()).toBe('bla.md');
    expect(readFileSync((await file.path())!, 'utf8')).toBe(await text('/api/entities/bla?format=markdown'));

    await page.goto(`${server.url}/?focus=bla&tab=paths&from=bla&to=china`);
    await page.locator('.path-results .hop').first().waitFor();
    await page.click('.path-results [data-action="copy-briefing"]');
    await page.locator('.path-results .briefing-message', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      await text('/api/paths?from=bla&to=china&maxHops=4&k=3&format=markdown'),
    );
  });

  it('logged no console errors and no CSP violations', async () => {
    // The refused parameters are HTTP errors the page shows itself; the browser logs each failed fetch.
    expect(
      consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e)),
    ).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
