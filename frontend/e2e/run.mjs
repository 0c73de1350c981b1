// End-to-end story against the real local stack (packaged jar) on free ports, driven by Debian's Chromium through
// playwright-core. The harness (harness/) starts the stack and the browser and reports each step; the stories
// (stories/) are per area. Fails on any console error except responses a step declares as expected, and on any step
// that cannot run (there are no skips). Artifacts (screenshots, the stack's log) go to target/e2e/.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts } from './harness/config.mjs';
import { launch, watch } from './harness/browser.mjs';
import { axeReport, checkAxe, screenshotList, writeReview } from './harness/look.mjs';
import { elapsed, log, check, step, summary } from './harness/report.mjs';
import { cleanup, startStack } from './harness/stack.mjs';
import { applicationsStory, deleteApp, headlampStory } from './stories/applications.mjs';
import { domainStory } from './stories/domains.mjs';
import { metricsStory } from './stories/metrics.mjs';
import { ociStory } from './stories/oci.mjs';
import { everyPageStory } from './stories/pages.mjs';
import { phoneStory } from './stories/phone.mjs';
import { deleteServer, serverStory } from './stories/servers.mjs';
import { keyboardStory } from './stories/keyboard.mjs';
import { hetznerKeyStory } from './stories/settings.mjs';
import { signInStory } from './stories/signin.mjs';
import { signOutStory } from './stories/signout.mjs';
import { terminalStory } from './stories/terminal.mjs';
import { themeStory } from './stories/theme.mjs';

const watchdog = setTimeout(() => fail(new Error('the whole story took longer than 10 minutes')), 10 * 60_000);

async function fail(e) {
  console.error('[e2e] FAILED:', e?.stack ?? e);
  console.error(`[e2e] steps:\n${summary()}`);
  console.error(`[e2e] axe-core so far:\n${axeReport()}`);
  await cleanup();
  process.exit(1);
}

async function main() {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(join(artifacts, 'screenshots'), { recursive: true });
  const base = await step('start the local stack', startStack);
  log('stack up at', base);
  const { context, page } = await step('launch Chromium', () => launch(base));
  const { verdict, expected, need } = watch(page);

  const jwt = await step('sign in', () => signInStory(page, expected));
  await step('themes: system preference, toggle, no flash', () => themeStory(page));
  await step('settings: Hetzner key', () => hetznerKeyStory(page, expected));
  await step('every page renders', () => everyPageStory(page));

  // Oracle Cloud runs meanwhile in a second tab of the same session: its server boots while the Hetzner one does. It
  // has its own console watch; the Hetzner story only ever looks at its own server's card and apps. The tab is closed
  // as soon as its story ends: an idle second tab makes every action in the first one several times slower.
  const ociPage = await context.newPage();
  const ociWatch = watch(ociPage);
  ociWatch.expected.codes.delete('HETZNER_KEY_REQUIRED');
  await ociPage.goto('/login');
  await ociPage.evaluate(
    (s) => sessionStorage.setItem('xanthus.session', s),
    await page.evaluate(() => sessionStorage.getItem('xanthus.session'))
  );
  let ociProblems = [];
  const ociTab = async () => {
    await step('Oracle Cloud (second tab)', () => ociStory(ociPage, ociWatch.need));
    ociProblems = (await ociWatch.verdict()).map((p) => `(Oracle Cloud tab) ${p}`);
    await ociPage.close();
  };
  const hetznerTab = async () => {
    const serverId = await step('servers: wizard, setup, server page, time zone', () => serverStory(page));
    await step('domains: configure', () => domainStory(page));
    await step('applications: catalog, code-server', () => applicationsStory(page, serverId, need));
    await step('applications: Headlamp through a DNS failure, token', () => headlampStory(page, serverId));
    await step('terminal', () => terminalStory(page, serverId));
    await step('servers: metrics charts, range, dashboard sparkline', () => metricsStory(page, serverId));
    await step('search and keyboard shortcuts', () => keyboardStory(page));
    await step('applications: delete code-server through a DNS outage', () => deleteApp(page));
    await step('servers: delete', () => deleteServer(page));
  };
  await Promise.all([hetznerTab(), ociTab()]);

  await step('phone width', () => phoneStory(page));
  await step('sign out', () => signOutStory(page, jwt, expected));

  const problems = [...ociProblems, ...(await verdict())];
  check(problems.length === 0, `browser problems:\n  ${problems.join('\n  ')}`);
  log(`axe-core:\n${axeReport()}\n  (what axe could not decide, element by element: ${writeReview()})`);
  checkAxe();
  const shots = screenshotList();
  log(
    `screenshots (${shots.length}) in ${join(artifacts, 'screenshots')}:\n  ${shots.map((s) => s.slice(artifacts.length + 13)).join('\n  ')}`
  );
  log(`steps:\n${summary()}`);
  log(`PASSED in ${elapsed()} s`);
}

main().then(async () => {
  clearTimeout(watchdog);
  await cleanup();
  process.exit(0);
}, fail);
process.on('SIGINT', () => fail(new Error('interrupted')));
process.on('SIGTERM', () => fail(new Error('terminated')));
