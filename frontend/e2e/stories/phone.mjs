// Narrow screens: every page at 375 px without sideways scrolling (both themes looked at), and the menu.
import { DESKTOP, noHorizontalScroll, PHONE, settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';
import { check } from '../harness/report.mjs';

const PHONE_PAGES = [
  ['/', '12-dashboard-375'],
  ['/settings', '13-settings-375'],
  ['/servers', '13b-servers-375'],
  ['/servers/new', '14-servers-new-375'],
  ['/applications', '14b-applications-375'],
  ['/domains', '14c-domains-375'],
  ['/terminal', '14d-terminal-375'],
  ['/about', '14e-about-375']
];

export async function phoneStory(page) {
  await page.setViewportSize(PHONE);
  for (const [path, name] of PHONE_PAGES) {
    await page.goto(path);
    await settle(page);
    await noHorizontalScroll(page, path);
    await look(page, name);
  }
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Domains' }).waitFor();
  await look(page, '15-menu-375');
  // Escape closes the menu and gives the focus back to its button
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Domains' }).waitFor({ state: 'hidden' });
  const menuButton = page.getByRole('button', { name: 'Menu' });
  check((await menuButton.getAttribute('aria-expanded')) === 'false', 'Escape did not close the menu');
  check(await menuButton.evaluate((b) => b === document.activeElement), 'the focus is not back on the Menu button');
  await page.setViewportSize(DESKTOP);
}
