// Servers (Hetzner): the wizard until READY, the server page with its journal and time zone; deleting the server.
import { SERVER_NAME, TIME_ZONE, WIZARD_TIME_ZONE } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { DESKTOP, PHONE, settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/** Wizard: location → type → name → review → create, then the setup progress until READY; then the server page. */
export async function serverStory(page) {
  await page.goto('/servers/new');
  await page.getByRole('heading', { name: 'Where should it run?' }).waitFor();
  await settle(page);
  await look(page, '20-wizard-location');
  await page.locator('section[aria-labelledby="loc-heading"] button').first().click();
  await page.getByRole('heading', { name: /Which server type/ }).waitFor();
  await settle(page);
  const types = page.locator('input[name="type"]');
  check((await types.count()) > 0, 'the wizard offers no server type');
  // Hetzner's deprecated types (the simulator's cx22 in fsn1) are listed as such and cannot be picked.
  const unavailable = page.locator('[data-unavailable-type] input');
  check((await unavailable.count()) > 0, 'the wizard does not show deprecated types as such');
  check(await unavailable.first().isDisabled(), 'a deprecated type can be picked');
  // The cheapest x86 type with at least 4 GB (code-server needs 2 GB): the list is sorted by price.
  await page.getByLabel('Architecture').selectOption('x86');
  await settle(page);
  const labels = await page.locator('label:has(input[name="type"])').allTextContents();
  const pick = labels.findIndex(
    (t) => /(\d+(\.\d+)?) GB RAM/.test(t) && Number(t.match(/(\d+(\.\d+)?) GB RAM/)[1]) >= 4
  );
  check(pick >= 0, `no x86 type with 4 GB among: ${labels.join(' | ')}`);
  await types.nth(pick).check();
  // Radios in the brand colour (accent-color from the tokens), not the browser's blue.
  const accent = await types.nth(pick).evaluate((el) => ({
    radio: getComputedStyle(el).accentColor,
    brand: getComputedStyle(document.documentElement).getPropertyValue('--x-brand-700').trim()
  }));
  check(accent.radio !== 'auto' && accent.brand, `the radios are the browser's colour: ${JSON.stringify(accent)}`);
  check(/€/.test(labels[pick]), `the type shows no price: ${labels[pick]}`);
  await look(page, '21-wizard-type');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Server name').fill(SERVER_NAME);
  await page.getByText(`${SERVER_NAME} is available.`).waitFor();
  await page.locator('#timezone').fill(WIZARD_TIME_ZONE);
  await look(page, '22-wizard-name');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  check(
    (await page.locator('dd.font-mono').first().textContent()) === SERVER_NAME,
    'the review does not show the name'
  );
  await look(page, '23-wizard-review');
  // Every setup message shown while it boots is recorded: a normal boot starts up, it is never "may be off".
  await page.evaluate(() => {
    window.__setupMessages = [];
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="setup-message"]')?.textContent?.trim();
      if (t && window.__setupMessages.at(-1) !== t) window.__setupMessages.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Create server' }).click();
  await page
    .getByRole('heading', { name: `Setting up ${SERVER_NAME}…` })
    .or(page.getByRole('heading', { name: `${SERVER_NAME} is ready` }))
    .waitFor();
  await look(page, '24-setup-progress');
  // Sandbox servers run the cloud-init Xanthus sent; its stages take about 20 s.
  await page.getByRole('heading', { name: `${SERVER_NAME} is ready` }).waitFor({ timeout: 120_000 });
  check((await page.getByText('(done)').count()) >= 6, 'not every setup stage is marked done');
  const messages = await page.evaluate(() => window.__setupMessages);
  check(
    !messages.some((m) => /may be off|does not answer on SSH \(/.test(m)),
    `a normal boot said the server may be off: ${messages.join(' | ')}`
  );
  await look(page, '25-setup-ready');
  await page.getByRole('link', { name: 'Open server' }).click();
  await page.waitForURL(/\/servers\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { name: SERVER_NAME, exact: true }).waitFor();
  await settle(page);
  check((await page.getByTestId('stage').textContent()) === 'READY', 'the server page does not show READY');
  const journal = await page.getByTestId('system-log-text').textContent();
  check(journal && journal.trim().length > 0 && journal !== '(empty)', 'the system log is empty');
  await look(page, '26-server-detail');

  // Power and delete on the server page, each behind a confirmation: Reboot asks in a modal dialog that starts on
  // Cancel, Escape closes it without rebooting and gives the focus back to the button.
  const power = page.getByRole('region', { name: 'Power' });
  await power.getByTestId('power-state').filter({ hasText: 'running' }).waitFor();
  check(await power.getByRole('button', { name: 'Delete…' }).isVisible(), 'the server page offers no delete');
  for (const b of ['Shut down…', 'Power off…'])
    check(await power.getByRole('button', { name: b }).isVisible(), `the server page offers no ${b}`);
  const reboot = power.getByRole('button', { name: 'Reboot…' });
  await reboot.click();
  const ask = page.getByRole('dialog', { name: `Reboot ${SERVER_NAME}?` });
  await ask.waitFor();
  check(
    (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Cancel',
    'the reboot confirmation does not start on Cancel'
  );
  await look(page, '26a-server-reboot-confirm');
  await page.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });
  check(
    (await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Reboot…',
    'closing the confirmation does not give the focus back to Reboot'
  );
  check((await power.getByTestId('power-state').textContent()).trim() === 'running', 'cancelling rebooted');
  // Info reads as a person would: labels, prices with their currency, no raw flags.
  const info = await page.getByTestId('server-info').textContent();
  const infoLabels = await page.getByTestId('server-info').locator('dt').allTextContents();
  const infoValues = await page.getByTestId('server-info').locator('dd').allTextContents();
  check(!infoLabels.some((l) => /_|^oci$/i.test(l)), `Info shows raw field names: ${infoLabels.join(', ')}`);
  check(!infoValues.some((v) => /^(true|false)$/.test(v.trim())), `Info shows raw booleans: ${infoValues.join(', ')}`);
  check(/€\d/.test(info), `Info shows no price in euros: ${info}`);

  // Time zone: the wizard's, as the setup set it; then set another over SSH and see the server's answer, also after a reload.
  const initial = await page.getByTestId('timezone-now').filter({ hasText: /\// }).textContent();
  check(initial === WIZARD_TIME_ZONE, `the server runs in ${initial}, not the wizard's ${WIZARD_TIME_ZONE}`);
  await page.locator('#server-tz').fill(TIME_ZONE);
  await page.getByRole('button', { name: 'Set time zone' }).click();
  await page.getByText(`Time zone set to ${TIME_ZONE}.`).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: SERVER_NAME, exact: true }).waitFor();
  await settle(page);
  const tz = await page.getByTestId('timezone-now').textContent();
  check(tz === TIME_ZONE, `the server reads back time zone ${tz}, not ${TIME_ZONE}`);
  await look(page, '27-server-timezone');
  await page.setViewportSize(PHONE);
  await look(page, '27b-server-detail-375');
  await page.setViewportSize(DESKTOP);
  return id;
}

/** Delete the server: the confirmation lists what goes with it. */
export async function deleteServer(page) {
  await page.goto('/servers');
  await page.getByRole('heading', { name: 'Servers', exact: true }).waitFor();
  await settle(page);
  const card = page.locator('article', { has: page.getByRole('heading', { name: SERVER_NAME, exact: true }) });
  await card.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${SERVER_NAME}?` });
  await confirm.getByText('the Hetzner server and its disk').waitFor();
  await confirm.getByText(/no apps \(none run on it\)|its apps and their DNS records/).waitFor();
  await look(page, '60-server-delete-confirm');
  await confirm.getByRole('button', { name: `Delete ${SERVER_NAME}` }).click();
  const summary = page.getByText(`Deleted ${SERVER_NAME}: removed the Hetzner server`);
  await summary.waitFor({ timeout: 60_000 });
  // The removed apps are named as the user knows them, never by their ids; KV in words, not "N KV keys".
  const said = await summary.textContent();
  check(!/app-[0-9a-f]{6,}/.test(said) && !/KV key/.test(said), `the removal summary names ids: ${said}`);
  check((await card.count()) === 0, 'the deleted server is still listed');
  await look(page, '61-server-deleted');
}

/** A server card on /servers, found by its name. */
export const serverCard = (page, name) =>
  page.locator('article', { has: page.getByRole('heading', { name, exact: true }) });
