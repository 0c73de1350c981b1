// Search and keyboard shortcuts: "g s" / "g a" go to servers and apps, "/" focuses the page's search box, which
// filters the list as typed, "?" lists the shortcuts in a dialog that Escape closes.
import { SERVER_NAME } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

export async function keyboardStory(page) {
  await page.goto('/');
  await settle(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await page.waitForURL(/\/servers$/);
  await page.getByRole('heading', { name: 'Servers', exact: true }).waitFor();
  await settle(page);
  await page.keyboard.press('/');
  check((await focusedId(page)) === 'server-search', '"/" does not focus the server search');
  await page.keyboard.type(SERVER_NAME);
  const cards = page.locator('article');
  await page.waitForFunction(
    (name) =>
      [...document.querySelectorAll('article h2')].every((h) => h.textContent?.trim().includes(name)) &&
      document.querySelectorAll('article h2').length > 0,
    SERVER_NAME
  );
  check((await cards.count()) >= 1, `searching ${SERVER_NAME} hides it`);
  await page.keyboard.type('-no-such-thing');
  await page.getByText(/^No server matches/).waitFor();
  await look(page, '55-servers-search-none');
  await page.getByLabel('Filter servers').fill('');

  await page.locator('h1').click();
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await page.waitForURL(/\/applications$/);
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  await settle(page);
  await page.getByTestId('app-card').first().waitFor();
  await page.keyboard.press('/');
  check((await focusedId(page)) === 'app-search', '"/" does not focus the app search');
  await page.keyboard.type('headlamp');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="app-card"]')].every((c) => /headlamp/i.test(c.textContent ?? '')) &&
      [...document.querySelectorAll('[data-testid="catalog-app"]')].every((c) => /headlamp/i.test(c.textContent ?? ''))
  );
  check((await page.getByTestId('app-card').count()) >= 1, 'the search for headlamp hides its app');
  check((await page.getByTestId('catalog-app').count()) === 1, 'the search does not narrow the catalog to Headlamp');
  await look(page, '56-applications-search');
  await page.getByLabel('Filter apps and the catalog').fill('');

  // Typing "?" in a field is text, not the shortcut list; outside a field it opens the list.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  const said = await help.textContent();
  for (const want of ['Go to Servers', 'Go to Applications', 'Search'])
    check(said.includes(want), `"?" does not list ${want}`);
  await look(page, '57-shortcuts');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
}
