// Signing in: a signed-out visit goes to sign-in with `next`; an empty and a refused token explained; keyboard-only
// sign-in; a reload keeps the session.
import { TOKEN } from '../harness/config.mjs';

/** Well formed, but not a token the Cloudflare simulator knows. */
const REFUSED_TOKEN = 'xanthus_refused_token_000000000000000000';
import { check } from '../harness/report.mjs';
import { jwtOf, settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/** Returns the session's JWT. */
export async function signInStory(page, expected) {
  // Signed out: any page leads to sign-in, remembering where the user was going.
  await page.goto('/servers');
  await page.waitForURL(/\/login\?next=%2Fservers$/);
  await page.getByRole('heading', { name: 'Sign in with a Cloudflare API token' }).waitFor();
  check(await page.getByText('Workers KV Storage: Edit').isVisible(), 'the permission list is missing');
  await look(page, '01-login');

  // A token in the wrong shape is explained before anything is sent; one Cloudflare refuses is said so, with the
  // request id (the error box's contrast is checked in both themes).
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Paste your Cloudflare API token.').waitFor();
  await look(page, '01b-login-empty');
  expected.unauthorized = true;
  await page.getByLabel('Cloudflare API token').fill(REFUSED_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Cloudflare did not accept this token' });
  await refused.waitFor();
  check(
    /Request id: \S+/.test(await refused.textContent()),
    `the refusal shows no request id: ${await refused.textContent()}`
  );
  await look(page, '01c-login-refused');
  expected.unauthorized = false;

  // Sign in with the keyboard only.
  await page.goto('/login');
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'token'; i++)
    await page.keyboard.press('Tab');
  check(
    (await page.evaluate(() => document.activeElement?.id)) === 'token',
    'the token field cannot be reached with Tab'
  );
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  await look(page, '02-dashboard');
  const jwt = await jwtOf(page);
  check(typeof jwt === 'string' && jwt.split('.').length === 3, 'no JWT in the session after sign-in');

  // A reload keeps the session.
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await settle(page);
  return jwt;
}
