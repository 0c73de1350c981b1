// Narrow screens: 375 px pages without sideways scrolling, and the menu.
import { DESKTOP, noHorizontalScroll, PHONE, settle, shot } from '../harness/browser.mjs';

export async function phoneStory(page) {
  await page.setViewportSize(PHONE);
  for (const [path, name] of [['/', '12-dashboard-375'], ['/settings', '13-settings-375'], ['/servers/new', '14-servers-new-375'], ['/applications', '14b-applications-375'], ['/domains', '14c-domains-375']]) {
    await page.goto(path);
    await settle(page);
    await noHorizontalScroll(page, path);
    await shot(page, name);
  }
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Domains' }).waitFor();
  await shot(page, '15-menu-375');
  await page.setViewportSize(DESKTOP);
}
