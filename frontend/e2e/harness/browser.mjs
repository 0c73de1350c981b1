// Debian's Chromium through playwright-core (TOOLCHAIN flags, fresh profile), the console/response watch every tab
// gets, and the small page helpers the stories share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, STEP_TIMEOUT } from './config.mjs';
import { cannotRun, check } from './report.mjs';
import { onCleanup } from './stack.mjs';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 800 };

export async function launch(baseURL) {
  const profile = mkdtempSync(join(tmpdir(), 'xanthus-e2e-chromium-'));
  onCleanup(() => rmSync(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL,
    viewport: DESKTOP,
    colorScheme: 'light',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
  onCleanup(() => context.close());
  context.setDefaultTimeout(STEP_TIMEOUT);
  // The theme <html> has when <body> is created, i.e. before anything is painted: the theme story reads it to see
  // there is no flash of the wrong theme.
  await context.addInitScript(() => {
    new MutationObserver((_, seen) => {
      if (!document.body) return;
      window.__themeAtFirstPaint = document.documentElement.dataset.theme ?? null;
      seen.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * Console and page errors, and failed responses, minus those the current step declared as expected. A route that
 * answers ROUTE_NOT_FOUND is never expected: every route the stories use must be deployed.
 */
export function watch(page) {
  const problems = [];
  const consoleErrors = [];
  const judged = new Map(); // response URL -> allowed?
  const pending = [];
  // codes: answers the story provokes on purpose (the dashboard before the Hetzner key is added says it is required).
  // SERVER_STARTING: an OCI instance has no public IP until it runs; the setup view waits on it like on a 5xx.
  const expected = { unauthorized: false, codes: new Set(['HETZNER_KEY_REQUIRED', 'SERVER_STARTING']) };
  const notDeployed = new Set();
  page.on('response', (res) => {
    if (res.status() < 400) return;
    // What is expected is decided now, when the response arrives; its body is read afterwards.
    const allowUnauthorized = expected.unauthorized;
    pending.push(
      (async () => {
        const url = new URL(res.url());
        let code = '';
        try {
          code = (await res.json())?.error?.code ?? '';
        } catch {
          // not JSON
        }
        if (res.status() === 404 && code === 'ROUTE_NOT_FOUND')
          notDeployed.add(`${res.request().method()} ${url.pathname}`);
        const allowed = (res.status() === 401 && allowUnauthorized) || expected.codes.has(code);
        judged.set(res.url(), allowed);
        if (!allowed)
          problems.push(`unexpected ${res.status()} ${code} from ${res.request().method()} ${url.pathname}`);
      })()
    );
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push({ text: msg.text(), at: msg.location()?.url ?? '' });
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  /** Every problem seen; a "Failed to load resource" is judged by its response instead. */
  async function verdict() {
    await Promise.all(pending);
    const all = [...problems];
    for (const { text, at } of consoleErrors) {
      if (text.startsWith('Failed to load resource') && judged.has(at)) continue;
      all.push(`console error: ${text} (${at})`);
    }
    return all;
  }
  /** Fails the step at once (rather than at the end of the run) when the page found `route` not deployed. */
  const need = async (route, what) => {
    await Promise.all(pending);
    if (notDeployed.has(route)) cannotRun(what, `${route} is not deployed (ROUTE_NOT_FOUND)`);
  };
  return { verdict, expected, need };
}

export async function settle(page) {
  await page.waitForLoadState('load');
  // Every section shows a spinner or a skeleton until its request answers; wait until none is left.
  await page.waitForFunction(() => !document.querySelector('.animate-spin, [data-skeleton]'), null, {
    timeout: STEP_TIMEOUT
  });
}

export async function noHorizontalScroll(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(
    overflow <= 0,
    `${name} scrolls sideways at ${await page.evaluate(() => window.innerWidth)} px (by ${overflow} px)`
  );
}

/** The signed-in session's JWT, read from the tab. */
export const jwtOf = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('xanthus.session') ?? '{}').token);
