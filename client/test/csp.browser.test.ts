import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Violation {
  directive: string;
  blocked: string;
}

/** The built app under the server's Content-Security-Policy: it works, and breaks none of the policy's rules. */
describe.skipIf(!existsSync(CHROMIUM))('the web app under its Content-Security-Policy', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer(),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in and goes live over the WebSocket with no console error and no CSP violation', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // Collected in the page from its first script on, before any of the app's own code runs.
    await page.addInitScript(() => {
      const seen: Violation[] = [];
      (window as unknown as { __violations: Violation[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      );
    });
    const violations = () => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

    const response = await page.goto('/');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');

    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    await page.goto('/sandbox');
    await page.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    await page.goto('/contacts');
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();

    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);

    // The policy is enforced, not only sent: an injected inline script does not run, and is reported.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(async () => (await violations()).map((v) => v.directive)).toContain('script-src-elem');
    await context.close();
  });
});
