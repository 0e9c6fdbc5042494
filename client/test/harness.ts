// What every browser test starts from: the real server (embedded mode, client/test/server.ts) and Debian's
// Chromium, started together; pages that report their errors; GraphQL over HTTP with the web app's own
// generated documents; signing in; and, when a test fails, a screenshot of every page with the page errors
// and the server's output.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { LoginDocument } from '../src/gql/graphql';
import { type RunningServer, repoRoot, startServer } from './server';

export const WAIT = 15_000;
export const SHOTS = path.join(repoRoot, 'client/test-results');
export const XSS = '<img src=x onerror="window.__pwned=1">';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  // CI must run them; a developer machine without Chromium is told how to get it.
  if (process.env.CI === 'true')
    throw new Error(`CI=true but Chromium is not at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  console.warn(
    `Chromium not found at ${CHROMIUM}: skipping the browser tests (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

export interface Session {
  token: string;
  reviewer: { id: string; email: string; displayName: string; role: string };
}

/** Until `probe` holds, checked every 100 ms for `WAIT`. */
export async function until(probe: () => Promise<boolean>, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + WAIT;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A screenshot in client/test-results; a full page is taken from the top, so the sticky top bar sits right. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Fills in and sends the sign-in form; what follows is the test's to check. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Set by the XSS probe's markup if any user text was ever rendered as HTML. */
export const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

/** The running server and browser of one test file. */
export class Desk {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly server: RunningServer,
    readonly browser: Browser,
  ) {}

  /** Starts both at once; if either fails, what did start is stopped before the error is thrown. */
  static async open(env: Record<string, string> = {}): Promise<Desk> {
    await mkdir(SHOTS, { recursive: true });
    const [started, launched] = await Promise.allSettled([
      startServer(env),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
    if (started.status === 'fulfilled' && launched.status === 'fulfilled')
      return new Desk(started.value, launched.value);
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    if (started.status === 'rejected') throw started.reason;
    throw new Error(`Chromium did not start: ${String((launched as PromiseRejectedResult).reason)}`);
  }

  /** A browser context (one person's cookies and storage) on the server, closed with the desk. */
  async context(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: this.server.baseUrl,
      ...options,
    });
    this.contexts.push(context);
    return context;
  }

  /** A new page whose errors (and console errors) are kept for the failure report. */
  async page(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on('pageerror', (error) => this.pageErrors.push(`${label}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(`${label} console: ${message.text()}`);
    });
    return page;
  }

  /** A page already signed in as `session` (the web app keeps its session in localStorage). */
  async signedInPage(context: BrowserContext, session: Session, label: string): Promise<Page> {
    const page = await this.page(context, label);
    await page.addInitScript((stored) => localStorage.setItem('countersign.session', stored), JSON.stringify(session));
    return page;
  }

  /** A page signed in through the sign-in form, as a person would, on the review queue once it is live. */
  async signInPage(context: BrowserContext, label: string, email: string, password: string): Promise<Page> {
    const page = await this.page(context, label);
    await submitSignIn(page, email, password);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    return page;
  }

  /** One GraphQL request over HTTP with the web app's own generated documents: what another reviewer does. */
  async gql<R, V>(token: string | null, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const response = await fetch(`${this.server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: R; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** A session through the API. */
  async signIn(email: string, password: string): Promise<Session> {
    const { login } = await this.gql(null, LoginDocument, { email, password });
    if (login.__typename !== 'LoginSuccess') throw new Error(`sign-in failed: ${login.__typename}`);
    return { token: login.token, reviewer: login.reviewer };
  }

  /** The admin the server was started with. */
  signInAdmin(): Promise<Session> {
    return this.signIn(this.server.adminEmail, this.server.adminPassword);
  }

  /** Call first in a test: if it fails, every open page is photographed and the errors and server output printed. */
  explainFailure(name: string): void {
    onTestFailed(async () => {
      const pages = this.contexts.flatMap((context) => context.pages());
      await Promise.all(
        pages.map((page, i) =>
          page
            .screenshot({ path: path.join(SHOTS, `failure-${name}-${i + 1}.png`), fullPage: true })
            .catch(() => undefined),
        ),
      );
      const errors = this.pageErrors.join('\n') || '(none)';
      console.error(`--- page errors ---\n${errors}\n--- server ---\n${this.server.output()}`);
    });
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
    await this.server.stop();
  }
}
