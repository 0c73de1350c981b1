// Settings: the sandbox Hetzner key added (and shown masked).
import { HETZNER_KEY } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

export async function hetznerKeyStory(page, expected) {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await settle(page);
  check(
    !(await page
      .locator('section[aria-labelledby="hk-heading"]')
      .getByText(/not available on this server yet/)
      .isVisible()),
    'Hetzner key and servers cannot run: GET /api/v1/settings/hetzner is not deployed'
  );
  if (await page.getByTestId('hetzner-masked').isVisible())
    await page.getByRole('button', { name: 'Replace key' }).click();
  await page.getByLabel(/Hetzner API key/).fill(HETZNER_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Hetzner key saved').waitFor();
  expected.codes.delete('HETZNER_KEY_REQUIRED');
  const masked = await page.getByTestId('hetzner-masked').textContent();
  check(masked && !masked.includes(HETZNER_KEY), `the key is not masked: ${masked}`);
  await look(page, '03-settings');
}
