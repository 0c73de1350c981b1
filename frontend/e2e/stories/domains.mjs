// Domains: configuring a zone through its six steps.
import { ZONE } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/** Domains: configure the zone and see every step complete. */
export async function domainStory(page) {
  await page.goto('/domains');
  await page.getByRole('heading', { name: 'Domains', exact: true }).waitFor();
  await settle(page);
  const row = page.locator('article', { has: page.getByRole('heading', { name: ZONE, exact: true }) });
  check((await row.count()) === 1, `${ZONE} is not listed`);
  await row.getByRole('button', { name: 'Configure…' }).click();
  // Before anything changes, a preview of the zone-wide changes: SSL mode and Always HTTPS from → to, the page rule.
  const preview = page.getByRole('dialog', { name: `Configure ${ZONE}?` });
  const said = await preview.getByTestId('configure-preview').textContent();
  for (const want of ['SSL/TLS encryption mode', 'Full (strict)', 'Always Use HTTPS', `www.${ZONE}/* redirects`])
    check(said.includes(want), `the configure preview does not say "${want}": ${said}`);
  check(
    (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Cancel',
    'the preview dialog does not start on Cancel'
  );
  await look(page, '29-domain-configure-preview');
  // Escape cancels without changing anything; then apply for real.
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'detached' });
  check((await row.getByText('Not managed').count()) === 1, 'cancelling the preview changed the domain');
  await row.getByRole('button', { name: 'Configure…' }).click();
  await preview.getByRole('button', { name: 'Apply these changes' }).click();
  await row.getByText(`${ZONE} is configured`).waitFor({ timeout: 60_000 });
  const steps = row.getByRole('list', { name: `Configuration steps for ${ZONE}` }).locator('li');
  check((await steps.count()) === 6, 'the configure steps are not all listed');
  check((await steps.filter({ hasText: '(done)' }).count()) === 6, 'not every configure step is done');
  // The list is read again after configuring; the row then says it is managed.
  await row.getByText('Managed by Xanthus').waitFor();
  await look(page, '30-domain-configured');
}
