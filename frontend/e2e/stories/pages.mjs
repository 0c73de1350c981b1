// Every page renders (its heading, once its requests have answered); About shows the version /health reports.
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/** The app's pages with their heading: also the list the phone-width pass walks. */
export const PAGES = [
  ['/servers', 'Servers', '04-servers'],
  ['/servers/new', 'Create a server', '05-servers-new'],
  ['/domains', 'Domains', '07-domains'],
  ['/applications', 'Applications', '08-applications'],
  ['/terminal', 'Terminal', '09-terminal'],
  ['/about', 'About Xanthus', '11-about']
];

export async function everyPageStory(page) {
  for (const [path, heading, name] of PAGES) {
    await page.goto(path);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await settle(page);
    if (path === '/applications') {
      check((await page.getByTestId('catalog-app').count()) >= 5, 'the applications catalog lists fewer than 5 apps');
    }
    await look(page, name);
  }
  // A path the app does not have: its own page inside the app shell (the header's navigation is there), no console
  // error (the watch fails the run on any).
  await page.goto('/no/such/page');
  await page.getByRole('heading', { name: 'No such page', exact: true }).waitFor();
  check(await page.getByRole('navigation', { name: 'Main' }).count(), 'the 404 page is outside the app shell');
  check((await page.locator('main code').textContent()) === '/no/such/page', 'the 404 page does not name the path');
  await look(page, '12-not-found');

  const health = await (await page.request.get('/health')).json();
  await page.goto('/about');
  await settle(page);
  const version = await page.getByTestId('version').textContent();
  check(version === health.version, `About shows version ${version}, /health says ${health.version}`);
}
