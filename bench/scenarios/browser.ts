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

/** Drafts the queue has loaded (the list is virtualised: only the cards on screen are in the DOM). */
const loadedCount = () => Number(document.querySelector('ol.queue')?.getAttribute('data-loaded') ?? 0);

/**
 * Navigates to the queue and waits for the first animation frame in which its first page of drafts is loaded
 * and its cards drawn (or, for an empty queue, "Nothing waiting"); returns that frame's time since navigation
 * start and the long-task time until then.
 */
async function openQueue(page: Page, cards: number): Promise<{ ms: number; longTaskMs: number }> {
  await page.goto('/', { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (n) => {
      const ready =
        n === 0
          ? document.querySelector('section.page .empty') !== null
          : Number(document.querySelector('ol.queue')?.getAttribute('data-loaded') ?? 0) >= n &&
            document.querySelector('ol.queue > li') !== null;
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
      cardsShown: await page.evaluate(loadedCount),
    };
  } finally {
    await context.close();
  }
}

export interface WholeQueue {
  /** Navigation → every pending draft loaded, scrolling to the end as a reviewer would (each page loads on the way). */
  ms: number;
  longTaskMs: number;
  /** Drafts loaded in the end: fewer than pending when scrolling stops adding any. */
  loaded: number;
  /** Cards in the DOM with all of them loaded (the virtualised list draws those on screen). */
  inDom: number;
  /** The same DOM as a static HTML page (the app's own markup and stylesheet, no script). */
  staticMs: number;
  /** From the click on "Queue" on another page to the frame with the whole cached queue drawn, per round. */
  render: Summary;
  /** Frame times while the whole list scrolls top to bottom, 200 px a frame. */
  scrollFrames: Summary;
  worstFrameMs: number;
}

const LOADED_MORE = (n: number) =>
  Number(document.querySelector('ol.queue')?.getAttribute('data-loaded') ?? 0) > n
    ? [performance.now(), (window as unknown as { __longTaskMs: number }).__longTaskMs]
    : null;

// The two below run in the page. They are source text: tsx names inner functions through a helper (`__name`)
// that the page does not have.

/** Clicks the top bar's "Queue" link (another page open, the queue cached) and times the frame with its cards. */
const renderQueue = (n: number) => `new Promise((resolve) => {
  const start = performance.now();
  document.querySelector('nav a[href="/"]').click();
  const check = () => {
    if (document.querySelector('ol.queue[data-loaded="${n}"] > li')) resolve(performance.now() - start);
    else if (performance.now() - start > 30000) resolve(Infinity);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** Scrolls the page from top to bottom, 200 px a frame, and returns every frame's duration. */
const SCROLL_FRAMES = `new Promise((resolve) => {
  window.scrollTo(0, 0);
  const times = [];
  let last = performance.now();
  const step = () => {
    const now = performance.now();
    times.push(now - last);
    last = now;
    const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    if (end || times.length > 10000) resolve(times);
    else {
      window.scrollBy(0, 200);
      requestAnimationFrame(step);
    }
  };
  requestAnimationFrame(step);
})`;

export async function wholeQueue(
  browser: Browser,
  server: ServerProcess,
  pending: number,
  renders: number,
): Promise<WholeQueue> {
  const context = await signedIn(browser, server);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.goto('/', { waitUntil: 'commit' });
    let [ms, longTaskMs] = (await (
      await page.waitForFunction(LOADED_MORE, 0, { polling: 'raf', timeout: WAIT })
    ).jsonValue()) as [number, number];
    for (;;) {
      const loaded = await page.evaluate(loadedCount);
      if (loaded >= pending) break;
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      // Scrolling that loads no more within 5 s ends the walk: the queue shows no more than it has.
      const grew = await page.waitForFunction(LOADED_MORE, loaded, { polling: 'raf', timeout: 5_000 }).then(
        (handle) => handle.jsonValue() as Promise<[number, number]>,
        () => null,
      );
      if (!grew) break;
      [ms, longTaskMs] = grew;
    }
    const loaded = await page.evaluate(loadedCount);
    const inDom = await page.evaluate(() => document.querySelectorAll('ol.queue > li').length);

    const times: number[] = [];
    for (let i = 0; i < renders; i++) {
      await page.getByRole('link', { name: 'Contacts' }).click();
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      times.push((await page.evaluate(renderQueue(loaded))) as number);
    }
    const frames = (await page.evaluate(SCROLL_FRAMES)) as number[];

    // The floor: the DOM the app ended with, served as a plain page (scripts removed) from the same origin.
    const { html, cards } = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('script, link[rel="modulepreload"]').forEach((script) => {
        script.remove();
      });
      return { html: `<!doctype html>${copy.outerHTML}`, cards: copy.querySelectorAll('ol.queue > li').length };
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
    return {
      ms,
      longTaskMs,
      loaded,
      inDom,
      staticMs,
      render: summarise(times),
      scrollFrames: summarise(frames),
      worstFrameMs: Math.max(...frames),
    };
  } finally {
    await context.close();
  }
}
