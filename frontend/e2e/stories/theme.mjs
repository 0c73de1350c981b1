// Themes: the app follows the system's prefers-color-scheme; the toggle overrides it, is remembered over a reload and
// applied before the first paint; without a stored choice the system decides again.
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { useTheme } from '../harness/look.mjs';

const themeNow = (page) => page.evaluate(() => document.documentElement.dataset.theme);
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

export async function themeStory(page) {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  await useTheme(page, 'dark');
  const darkBackground = await background(page);
  await useTheme(page, 'light');
  const lightBackground = await background(page);
  check(darkBackground !== lightBackground, `the page background is ${lightBackground} in both themes`);

  // The toggle: a pressed "Dark theme" button; the choice is stored and beats the system's light preference.
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  check((await toggle.getAttribute('aria-pressed')) === 'false', 'the theme toggle is pressed in the light theme');
  await toggle.click();
  check((await themeNow(page)) === 'dark', 'the toggle did not switch to the dark theme');
  check((await toggle.getAttribute('aria-pressed')) === 'true', 'the theme toggle is not pressed in the dark theme');
  check((await background(page)) === darkBackground, 'the toggled dark theme is not the system dark theme');
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  const atFirstPaint = await page.evaluate(() => window.__themeAtFirstPaint);
  check(
    atFirstPaint === 'dark',
    `after a reload the page starts in theme ${atFirstPaint}, not the stored dark one (a flash)`
  );
  check(
    (await page.evaluate(() => localStorage.getItem('xanthus.theme'))) === 'dark',
    'the theme choice is not stored'
  );

  // Back to light with the toggle, then the stored choice removed: the system preference applies again.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  check((await themeNow(page)) === 'light', 'the toggle did not switch back to the light theme');
  await page.evaluate(() => localStorage.removeItem('xanthus.theme'));
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  await useTheme(page, 'dark');
  await useTheme(page, 'light');
}
