import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ADMIN, type ServerProcess } from '../lib/server.js';
import { type Summary, summarise } from '../lib/stats.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT = 60_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
}

/** Sums the main thread's long tasks (> 50 ms) from navigation on, for every page of the context. */
const LONG_TASKS = () => {
  const w = window as unknown as { __longTaskMs: number };
  w.__longTaskMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTaskMs += entry.duration;
  }).observe({ type: 'longtask', buffered: true });
};

/** A signed-in context on the server's web app (the session is kept in localStorage, as a reviewer's is). */
async function signedIn(browser: Browser, server: ServerProcess): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: server.url });
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto('/');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  await page.close();
  return context;
}

const cardCount = () => document.querySelectorAll('ol.queue > li').length;

/**
 * Navigates to the queue and waits for the first animation frame in which its first page of cards (or, for
 * an empty queue, "Nothing waiting") is in the DOM; returns that frame's time since navigation start and the
 * long-task time until then.
 */
async function openQueue(page: Page, cards: number): Promise<{ ms: number; longTaskMs: number }> {
  await page.goto('/', { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (n) => {
      const ready =
        n === 0
          ? document.querySelector('section.page .empty') !== null
          : document.querySelectorAll('ol.queue > li').length >= n;
      return ready ? [performance.now(), (window as unknown as { __longTaskMs: number }).__longTaskMs] : null;
    },
    cards,
    { polling: 'raf', timeout: WAIT },
  );
  const [ms, longTaskMs] = (await handle.jsonValue()) as [number, number];
  return { ms, longTaskMs };
}

export interface QueueRender {
  /** Navigation → the first page of cards, over `navigations` loads after one warm-up load. */
  firstPage: Summary;
  longTaskMs: Summary;
  cardsShown: number;
}

/** Loads the review queue `navigations` times (after a warm-up); `pending` drafts wait in it. */
export async function queueRender(
  browser: Browser,
  server: ServerProcess,
  pending: number,
  pageSize: number,
  navigations: number,
): Promise<QueueRender> {
  const context = await signedIn(browser, server);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    const cards = Math.min(pending, pageSize);
    await openQueue(page, cards);
    const loads: Array<{ ms: number; longTaskMs: number }> = [];
    for (let i = 0; i < navigations; i++) loads.push(await openQueue(page, cards));
    return {
      firstPage: summarise(loads.map((l) => l.ms)),
      longTaskMs: summarise(loads.map((l) => l.longTaskMs)),
      cardsShown: await page.evaluate(cardCount),
    };
  } finally {
    await context.close();
  }
}

export interface WholeQueue {
  /** Navigation → the last card the queue would show on screen, pressing "Show more" as a reviewer would. */
  ms: number;
  longTaskMs: number;
  /** Cards shown in the end: fewer than pending when "Show more" stops adding any. */
  cards: number;
  /** "Show more" clicks that added cards. */
  clicks: number;
  /** The same cards as a static HTML page (the app's own markup and stylesheet, no script). */
  staticMs: number;
}

/** The moment (since navigation) of the first animation frame with more than `n` cards, and the long tasks so far. */
const MORE_CARDS = (n: number) =>
  document.querySelectorAll('ol.queue > li').length > n
    ? [performance.now(), (window as unknown as { __longTaskMs: number }).__longTaskMs]
    : null;

export async function wholeQueue(browser: Browser, server: ServerProcess, pending: number): Promise<WholeQueue> {
  const context = await signedIn(browser, server);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.goto('/', { waitUntil: 'commit' });
    let [ms, longTaskMs] = (await (
      await page.waitForFunction(MORE_CARDS, 0, { polling: 'raf', timeout: WAIT })
    ).jsonValue()) as [number, number];
    let clicks = 0;
    for (;;) {
      const shown = await page.evaluate(cardCount);
      const more = page.getByRole('button', { name: 'Show more' });
      if (shown >= pending || !(await more.isVisible())) break;
      await more.click();
      // A click that adds no card within 5 s ends the walk: the queue shows no more than it has.
      const grew = await page.waitForFunction(MORE_CARDS, shown, { polling: 'raf', timeout: 5_000 }).then(
        (handle) => handle.jsonValue() as Promise<[number, number]>,
        () => null,
      );
      if (!grew) break;
      clicks++;
      [ms, longTaskMs] = grew;
    }
    const cards = await page.evaluate(cardCount);

    // The floor: the DOM the app ended with, served as a plain page (scripts removed) from the same origin.
    const html = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('script, link[rel="modulepreload"]').forEach((script) => {
        script.remove();
      });
      return `<!doctype html>${copy.outerHTML}`;
    });
    const staticUrl = `${server.url}/bench-static-queue`;
    await page.route(staticUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(staticUrl, { waitUntil: 'commit' });
    const staticHandle = await page.waitForFunction(
      (n) => (document.querySelectorAll('ol.queue > li').length >= n ? performance.now() : null),
      cards,
      { polling: 'raf', timeout: WAIT },
    );
    const staticMs = (await staticHandle.jsonValue()) as number;
    return { ms, longTaskMs, cards, clicks, staticMs };
  } finally {
    await context.close();
  }
}
