// Oracle Cloud: credentials in Settings, an A1.Flex server through the wizard, power off/on, delete, credentials removed.
import { join } from 'node:path';
import { OCI_SERVER_NAME, OCI_SHAPE, STEP_TIMEOUT } from '../harness/config.mjs';
import { cannotRun, check, log } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';
import { ociSandbox, stack } from '../harness/stack.mjs';
import { serverCard } from './servers.mjs';

/**
 * Oracle Cloud: the sandbox credentials entered in Settings (the key from its file), an A1.Flex server through the
 * wizard until READY, power off → off, on → running, delete → gone, then the credentials removed again.
 */
export async function ociStory(page, need) {
  const what = 'Oracle Cloud (credentials, A1.Flex server, power off/on, delete)';
  await page.goto('/settings');
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await settle(page);
  await need('GET /api/v1/settings/oci', what);
  const creds = ociSandbox();
  if (!creds)
    cannotRun(what, `the local stack wrote no OCI sandbox credentials under ${join(stack.state, 'oci-sandbox')}`);
  const card = page.locator('section[aria-labelledby="oci-heading"]');
  if (await card.getByTestId('oci-status').isVisible())
    await card.getByRole('button', { name: 'Replace credentials' }).click();
  await card.getByLabel('Tenancy OCID').fill(creds.tenancy);
  await card.getByLabel('User OCID').fill(creds.user);
  await card.getByLabel('API key fingerprint').fill(creds.fingerprint);
  await card.getByLabel('Region identifier').fill(creds.region);
  // The key goes through the file picker and FileReader, as a user would give it.
  // The file picker's button wears the brand's button style, not the browser's grey one.
  const pickerButton = await card.getByLabel('Or choose the .pem file').evaluate((el) => {
    const b = getComputedStyle(el, '::file-selector-button');
    return { radius: b.borderRadius, background: b.backgroundColor };
  });
  check(pickerButton.radius === '6px', `the file picker's button is unstyled: ${JSON.stringify(pickerButton)}`);
  await card.getByLabel('Or choose the .pem file').setInputFiles(creds.keyFile);
  await card.getByText(/^Read .+\.pem\.$/).waitFor();
  await look(page, '70-oci-settings-form');
  await card.getByRole('button', { name: 'Save credentials' }).click();
  await card.getByText('Oracle Cloud credentials saved').waitFor({ timeout: 30_000 });
  const region = await card.getByTestId('oci-region').textContent();
  check(region === creds.region, `Settings shows region ${region}, not ${creds.region}`);
  check(!(await card.textContent()).includes('PRIVATE KEY'), 'the private key is shown after saving');
  await look(page, '71-oci-settings-saved');

  // The existing-VM form renders with the account's public key and the SSH prerequisites.
  await page.goto('/servers/new?provider=oci&mode=existing');
  await page.getByRole('heading', { name: 'Add an existing Oracle Cloud VM' }).waitFor();
  await settle(page);
  await page
    .waitForFunction(() => /^ssh-/.test(document.querySelector('#existing-key')?.value ?? ''), null, {
      timeout: STEP_TIMEOUT
    })
    .catch(() => cannotRun('the existing-VM form', 'it shows no public key (GET /api/v1/vps/ssh-key)'));
  await look(page, '72-oci-existing-form');

  // Wizard: Oracle Cloud → A1.Flex at the Always-Free maxima → name → review → create → setup until READY.
  await page.goto('/servers/new');
  await page.locator('input[name="provider"][value="oci"]').check();
  await page.getByRole('heading', { name: /Which shape/ }).waitFor();
  await settle(page);
  await need('GET /api/v1/vps/oci/options', 'Oracle Cloud server (wizard, power, delete)');
  const shape = page.locator(`input[name="shape"][value="${OCI_SHAPE}"]`);
  await shape.check();
  check(
    await page.locator('label', { has: shape }).getByText('Always Free').isVisible(),
    `${OCI_SHAPE} has no Always-Free badge`
  );
  const ocpus = await page.getByRole('spinbutton', { name: 'OCPUs' }).inputValue();
  const memory = await page.getByRole('spinbutton', { name: 'Memory (GB)' }).inputValue();
  log(`OCI shape ${OCI_SHAPE}: ${ocpus} OCPUs, ${memory} GB by default`);
  check(Number(ocpus) >= 1 && Number(memory) >= 1, `no default size for ${OCI_SHAPE} (${ocpus} OCPUs, ${memory} GB)`);
  await look(page, '73-oci-wizard-shape');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Server name').fill(OCI_SERVER_NAME);
  await page.getByText(new RegExp(`^${OCI_SERVER_NAME} is (available\\.|a valid name)`)).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await look(page, '74-oci-wizard-review');
  await page.getByRole('button', { name: 'Create server' }).click();
  await page
    .getByRole('heading', { name: `Setting up ${OCI_SERVER_NAME}…` })
    .or(page.getByRole('heading', { name: `${OCI_SERVER_NAME} is ready` }))
    .waitFor({ timeout: 60_000 });
  await look(page, '75-oci-setup-progress');
  await page.getByRole('heading', { name: `${OCI_SERVER_NAME} is ready` }).waitFor({ timeout: 180_000 });
  check((await page.getByText('(done)').count()) >= 6, 'not every setup stage of the OCI server is marked done');
  await look(page, '76-oci-setup-ready');

  // The servers list: the provider badge, the shape and the region; power off and on, as for Hetzner.
  await page.goto('/servers');
  await page.getByRole('heading', { name: 'Servers', exact: true }).waitFor();
  await settle(page);
  const card2 = serverCard(page, OCI_SERVER_NAME);
  check(
    (await card2.getByTestId('provider').textContent()).includes('Oracle Cloud'),
    'the OCI server has no Oracle Cloud badge'
  );
  check((await card2.textContent()).includes(OCI_SHAPE), `the OCI server card does not show ${OCI_SHAPE}`);
  check((await card2.textContent()).includes(creds.region), `the OCI server card does not show ${creds.region}`);
  await card2
    .getByTestId('server-status')
    .filter({ hasText: /^\s*running\s*$/ })
    .waitFor({ timeout: 60_000 });
  await card2.getByRole('button', { name: 'Power off…' }).click();
  // A power action that interrupts the server asks first, in a modal dialog.
  const powerOff = ociPageDialog(page, `Power off ${OCI_SERVER_NAME}?`);
  await powerOff.getByText(/unsaved data may be lost/).waitFor();
  await look(page, '76b-oci-power-off-confirm');
  await powerOff.getByRole('button', { name: `Power off ${OCI_SERVER_NAME}` }).click();
  await card2
    .getByTestId('server-status')
    .filter({ hasText: /^\s*off\s*$/ })
    .waitFor({ timeout: 180_000 });
  await look(page, '77-oci-off');
  await card2.getByRole('button', { name: 'Power on' }).click();
  await card2
    .getByTestId('server-status')
    .filter({ hasText: /^\s*running\s*$/ })
    .waitFor({ timeout: 180_000 });
  await look(page, '78-oci-on');

  // Delete: the confirmation names the instance and its network; the summary says what went.
  await card2.getByRole('button', { name: 'Delete…' }).click();
  const confirm = ociPageDialog(page, `Delete ${OCI_SERVER_NAME}?`);
  await confirm.getByText('the Oracle Cloud instance').waitFor();
  await confirm.getByText(/no apps \(none run on it\)|its apps and their DNS records/).waitFor();
  await look(page, '79-oci-delete-confirm');
  await confirm.getByRole('button', { name: `Delete ${OCI_SERVER_NAME}` }).click();
  const summary = page.getByText(`Deleted ${OCI_SERVER_NAME}: removed the Oracle Cloud instance`);
  await summary.waitFor({ timeout: 120_000 });
  log('OCI removal:', await summary.textContent());
  check((await serverCard(page, OCI_SERVER_NAME).count()) === 0, 'the deleted OCI server is still listed');
  await page.reload();
  await page.getByRole('heading', { name: 'Servers', exact: true }).waitFor();
  await settle(page);
  check(
    (await serverCard(page, OCI_SERVER_NAME).count()) === 0,
    'the deleted OCI server is listed again after a reload'
  );
  await look(page, '80-oci-deleted');
  await removeOciCredentials(page);
}

/** Settings: remove the OCI credentials after confirmation; the card then says none are stored. */
async function removeOciCredentials(page) {
  await page.goto('/settings');
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await settle(page);
  const card = page.locator('section[aria-labelledby="oci-heading"]');
  await card.getByRole('button', { name: 'Remove credentials' }).click();
  await card.getByRole('button', { name: 'Remove the credentials' }).click();
  await card.getByTestId('oci-missing').waitFor();
  await look(page, '81-oci-removed');
}

/** The open confirmation dialog with that title. */
const ociPageDialog = (page, name) => page.getByRole('dialog', { name });
