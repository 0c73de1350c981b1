// Signing in: a signed-out visit goes to sign-in with `next`; keyboard-only sign-in; a reload keeps the session.
import { TOKEN } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { jwtOf, settle, shot } from '../harness/browser.mjs';

/** Returns the session's JWT. */
export async function signInStory(page) {
  // Signed out: any page leads to sign-in, remembering where the user was going.
  await page.goto('/servers');
  await page.waitForURL(/\/login\?next=%2Fservers$/);
  await page.getByRole('heading', { name: 'Sign in with a Cloudflare API token' }).waitFor();
  check(await page.getByText('Workers KV Storage: Edit').isVisible(), 'the permission list is missing');
  await shot(page, '01-login');

  // Sign in with the keyboard only.
  await page.goto('/login');
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'token'; i++) await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement?.id)) === 'token', 'the token field cannot be reached with Tab');
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  await shot(page, '02-dashboard');
  const jwt = await jwtOf(page);
  check(typeof jwt === 'string' && jwt.split('.').length === 3, 'no JWT in the session after sign-in');

  // A reload keeps the session.
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  return jwt;
}
