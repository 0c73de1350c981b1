// Log out: back to sign-in, the session gone from the tab and refused by the API, also when put back into the tab.
import { check } from '../harness/report.mjs';
import { DESKTOP, PHONE, settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

export async function signOutStory(page, jwt, expected) {
  await page.goto('/');
  await settle(page);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login$/);
  check((await page.evaluate(() => sessionStorage.getItem('xanthus.session'))) === null, 'the session survived logout');
  await look(page, '16-logged-out');
  await page.setViewportSize(PHONE);
  await look(page, '16b-login-375');
  await page.setViewportSize(DESKTOP);
  const me = await page.request.get('/api/auth/me', { headers: { Authorization: `Bearer ${jwt}` } });
  check(me.status() === 401, `the old JWT still works after logout (${me.status()})`);

  // Even if the old JWT is put back into the tab, the app is refused and returns to sign-in.
  expected.unauthorized = true;
  await page.evaluate(
    (token) => sessionStorage.setItem('xanthus.session', JSON.stringify({ token, accountId: 'x', accounts: [] })),
    jwt
  );
  await page.goto('/domains');
  await page.waitForURL(/\/login\?next=%2Fdomains$/);
  check((await page.evaluate(() => sessionStorage.getItem('xanthus.session'))) === null, 'a refused session was kept');
  await look(page, '17-old-session-refused');
  expected.unauthorized = false;
}
