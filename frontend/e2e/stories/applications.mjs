// Applications: the catalog; code-server deployed at a chosen version, its password, port-forwards and upgrade;
// Headlamp through a Cloudflare failure and its retry, and its token; deleting code-server through another failure.
import { STEP_TIMEOUT, ZONE } from '../harness/config.mjs';
import { check } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';
import { clearCloudflareFault, cloudflareFault, cloudflareFaults } from '../harness/stack.mjs';

/** Applications: the catalog with requirements; deploying and managing code-server once the apps API is there. */
export async function applicationsStory(page, serverId, need) {
  // The prerequisites held back for 2 s: meanwhile skeletons hold the Deploy buttons' place and the empty list does
  // not claim anything is missing; once they are read, a ready server and a managed domain make the empty state an
  // invitation, not "you need a ready server and a managed domain".
  const slow = '**/api/v1/applications/prerequisites';
  await page.route(slow, async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.goto('/applications');
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  await page.getByTestId('catalog-app').first().waitFor();
  check((await page.getByTestId('deploy-skeleton').count()) >= 2, 'no skeletons while the Deploy buttons load');
  check(
    (await page.getByRole('button', { name: /^Deploy / }).count()) === 0,
    'Deploy buttons before the prerequisites'
  );
  check(
    (await page.getByTestId('apps-empty').count()) === 0,
    'the empty state speaks before the prerequisites are read'
  );
  await look(page, '39-applications-loading');
  await page.getByTestId('apps-empty').waitFor();
  await page.unroute(slow);
  const empty = await page.getByTestId('apps-empty').textContent();
  check(!/you need/i.test(empty), `with a ready server and a managed domain the empty state says: ${empty}`);
  check((await page.getByTestId('deploy-skeleton').count()) === 0, 'skeletons left after loading');
  await settle(page);
  await need('GET /api/v1/applications/catalog', 'applications catalog');
  check((await page.getByTestId('catalog-app').count()) >= 5, 'the applications catalog lists fewer than 5 apps');
  const req = await page.getByTestId('requirements').first().textContent();
  check(/vCPU/.test(req ?? ''), `a catalog card shows no requirements: ${req}`);
  await look(page, '40-applications');
  await need(
    'GET /api/v1/applications/prerequisites',
    'deploying code-server (password, port-forward, upgrade, delete) and Headlamp (job retry, token)'
  );
  await page.getByRole('button', { name: /^Deploy code.?server$/i }).click();
  await page.locator(`input[name="deploy-server"][value="${serverId}"]`).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Subdomain').fill('ide');
  await page.getByLabel('Domain', { exact: true }).selectOption(ZONE);
  await page.getByText(`ide.${ZONE} is free`).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  const picker = page.getByLabel('Version');
  await page.waitForFunction(() => document.querySelectorAll('#deploy-version option').length > 1, null, {
    timeout: STEP_TIMEOUT
  });
  const versions = await picker.locator('option').evaluateAll((os) => os.map((o) => o.value));
  await picker.selectOption(versions[Math.min(1, versions.length - 1)]); // a chosen version, not necessarily the newest
  await look(page, '41-deploy-review');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  // A long job shows the time it has taken, ticking, and a styled bar whose fill is its progress (no native
  // <progress>, whose grey bar looked full at 0 %).
  const deployJob = page.getByTestId('job').first();
  const elapsed = deployJob.getByTestId('elapsed');
  await elapsed.waitFor();
  check((await page.locator('progress').count()) === 0, 'a native <progress> is still used');
  const bar = deployJob.getByRole('progressbar');
  const shown = await bar.evaluate((el) => ({
    pct: Number(el.getAttribute('aria-valuenow')),
    fill: (100 * el.firstElementChild.getBoundingClientRect().width) / el.getBoundingClientRect().width
  }));
  check(Math.abs(shown.fill - shown.pct) <= 2, `the bar shows ${shown.fill}% for ${shown.pct}%`);
  const t0 = await elapsed.textContent();
  await page.waitForTimeout(1200);
  const t1 = await elapsed.textContent();
  check(
    /^(Elapsed|Took) \d+ (s|min)/.test(t1) && (t0 !== t1 || t1.startsWith('Took')),
    `the elapsed time does not tick: ${t0} → ${t1}`
  );
  await page.getByTestId('job-status').filter({ hasText: 'succeeded' }).waitFor({ timeout: 180_000 });
  check(/^Took \d+/.test(await elapsed.textContent()), `a finished job does not say how long it took`);
  await look(page, '42-deploy-done');
  const card = page.getByTestId('app-card').filter({ hasText: 'code-server' });
  await card.getByTestId('app-status').filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
  const installed = versions[Math.min(1, versions.length - 1)];
  check(
    (await card.getByRole('heading').textContent()).includes(installed),
    `the code-server card does not show version ${installed}`
  );
  await card.getByRole('button', { name: 'Password' }).click();
  await card.getByRole('button', { name: 'Show' }).click();
  const pw = await card.getByTestId('app-password').textContent();
  check(pw && pw.length >= 8 && !pw.includes('•'), 'the code-server password is not shown');
  await look(page, '43-app-password');

  // Change the password; the one read back from the server (after a reload) is the new one.
  const newPassword = `e2e-${Date.now().toString(36)}-pass`;
  await card.getByLabel(/New password/).fill(newPassword);
  await card.getByRole('button', { name: 'Change', exact: true }).click();
  await card.getByText('Password changed.').waitFor();
  check(
    (await card.getByTestId('app-password').textContent()) === newPassword,
    'the card does not show the new password'
  );
  await page.reload();
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  await settle(page);
  await card.getByRole('button', { name: 'Password' }).click();
  await card.getByRole('button', { name: 'Show' }).click();
  const readBack = await card.getByTestId('app-password').textContent();
  check(readBack === newPassword, `the server reads back password ${readBack}, not the one just set`);
  check(readBack !== pw, 'the password did not change');
  await look(page, '43b-app-password-changed');
  await card.getByRole('button', { name: 'Password' }).click(); // closed again

  // Port-forwards: none yet, add one (listed with its address), still there after a reload, remove it.
  await card.getByRole('button', { name: 'Port-forwards' }).click();
  await card.getByText('No port-forwards.').waitFor();
  await card.getByLabel('Port', { exact: true }).fill('3000');
  await card.getByLabel('Subdomain').fill('preview');
  await card.getByRole('button', { name: 'Forward', exact: true }).click();
  const forward = card.getByRole('listitem').filter({ hasText: 'port 3000' });
  await forward.waitFor();
  check(
    (await forward.getByRole('link').textContent()) === `https://preview.${ZONE}`,
    'the port-forward does not show its address'
  );
  await page.reload();
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  await settle(page);
  await card.getByRole('button', { name: 'Port-forwards' }).click();
  await forward.waitFor();
  await look(page, '43c-port-forward');
  await forward.getByRole('button', { name: 'Remove' }).click();
  await card.getByText('No port-forwards.').waitFor();
  check((await card.getByRole('listitem').count()) === 0, 'the removed port-forward is still listed');
  await card.getByRole('button', { name: 'Port-forwards' }).click(); // closed again

  // Upgrade to another version (the picker offers the newest by default); the card follows the job and then shows
  // the new version, running.
  await card.getByRole('button', { name: 'Upgrade…' }).click();
  const upgradePicker = card.getByLabel('Upgrade to');
  await page.waitForFunction(
    () => [...document.querySelectorAll('select[id^="upgrade-"] option')].some((o) => o.value && !o.disabled),
    null,
    { timeout: STEP_TIMEOUT }
  );
  const target = await upgradePicker.inputValue();
  check(target && target !== installed, `the upgrade picker offers ${target || 'nothing'} (installed: ${installed})`);
  const upgradeOffers = await upgradePicker.locator('option').evaluateAll((os) => os.map((o) => o.value));
  const newer = versions.slice(0, versions.indexOf(installed) + 1);
  check(
    JSON.stringify(upgradeOffers) === JSON.stringify(newer),
    `the upgrade picker offers ${upgradeOffers.join(', ')}; only ${newer.join(', ')} are not downgrades`
  );
  // The card shows the job only while it runs: what the job said last is read from the page's polls.
  const jobReads = [];
  const onJob = (res) => {
    if (/^\/api\/v1\/jobs\/[^/]+$/.test(new URL(res.url()).pathname))
      jobReads.push(
        res.json().then(
          (b) => b.data.status,
          () => '?'
        )
      );
  };
  page.on('response', onJob);
  await card.getByRole('button', { name: 'Upgrade', exact: true }).click();
  await card.getByRole('region', { name: `Upgrade ide to ${target}` }).waitFor(); // the app is named after its subdomain
  await look(page, '45-app-upgrading');
  await card.getByRole('heading').filter({ hasText: target }).waitFor({ timeout: 180_000 });
  page.off('response', onJob);
  const statuses = await Promise.all(jobReads);
  check(statuses.at(-1) === 'succeeded', `the upgrade job ended ${statuses.at(-1)} (read: ${statuses.join(', ')})`);
  await card.getByTestId('app-status').filter({ hasText: 'running' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  await settle(page);
  check(
    (await card.getByRole('heading').textContent()).includes(target),
    `after a reload the card does not show version ${target}`
  );
  check((await card.getByTestId('app-status').textContent()).trim() === 'running', 'the upgraded app is not running');
  await look(page, '46-app-upgraded');

  // Headlamp follows (headlampStory); deleting code-server comes after the terminal (deleteApp), so the terminal runs
  // next to a real app.
}

/**
 * Headlamp, deployed while Cloudflare fails the DNS record once (a fault armed on the Cloudflare simulator, the way
 * Cloudflare answers a 5xx): the deploy job fails at that step and says so; "Retry from the failed step" finishes it.
 * Then a sign-in token is shown.
 */
export async function headlampStory(page, serverId) {
  // POST is not retried by the API's Cloudflare client, so one 503 fails the step.
  await cloudflareFault({ route: 'POST /zones/{zone_id}/dns_records', type: 'status', status: 503, times: 1 });
  await page.getByRole('button', { name: 'Deploy Headlamp' }).click();
  const wizard = page.locator('section[aria-labelledby="deploy-heading"]');
  await wizard.locator(`input[name="deploy-server"][value="${serverId}"]`).check();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel('Subdomain').fill('k8s');
  await wizard.getByText(`k8s.${ZONE} is free`).waitFor();
  await wizard.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(
    () => document.querySelectorAll('#deploy-version option[value]:not([value=""])').length > 0,
    null,
    { timeout: STEP_TIMEOUT }
  );
  await wizard.getByRole('button', { name: 'Deploy', exact: true }).click();
  const status = wizard.getByTestId('job-status');
  await status.filter({ hasText: /failed|succeeded/ }).waitFor({ timeout: 180_000 });
  check(
    (await status.textContent()).trim() === 'failed',
    `the deploy did not fail at the armed fault: ${await status.textContent()}`
  );
  const why = await wizard.getByRole('alert').textContent();
  check(
    /^Point the DNS record at the server: Cloudflare answered HTTP 503/.test(why ?? ''),
    `the failed job does not name the DNS step and Cloudflare's failure: ${why}`
  );
  check((await wizard.getByText('(failed)').count()) === 1, 'not exactly one step is marked failed');
  const faults = await cloudflareFaults();
  check(faults.length === 0, `the Cloudflare fault was not used up: ${JSON.stringify(faults)}`);
  const hl = page.getByTestId('app-card').filter({ hasText: 'headlamp' });
  await hl.getByTestId('app-status').filter({ hasText: 'failed' }).waitFor();
  await look(page, '47-headlamp-failed');
  await wizard.getByRole('button', { name: 'Retry from the failed step' }).click();
  await status.filter({ hasText: 'succeeded' }).waitFor({ timeout: 180_000 });
  check((await wizard.getByText('(done)').count()) === 7, 'not every deploy step is done after the retry');
  await hl.getByTestId('app-status').filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
  await look(page, '48-headlamp-retried');

  await hl.getByRole('button', { name: 'Token' }).click();
  await hl.getByRole('button', { name: 'Create a 24-hour sign-in token' }).click();
  const token = hl.getByLabel('Headlamp token');
  await token.waitFor();
  const value = await token.inputValue();
  check(
    /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value),
    `the Headlamp token is not a JWT: ${value.slice(0, 40)}`
  );
  const until = await hl.getByText(/^Valid until /).textContent();
  const hours = (new Date(until.replace('Valid until ', '')).getTime() - Date.now()) / 3_600_000;
  check(hours > 23 && hours <= 24, `the token is said to be valid for ${hours.toFixed(1)} h, not 24 h (${until})`);
  await look(page, '49-headlamp-token');
}

/**
 * Delete code-server with its data while Cloudflare answers 503 to every DNS record deletion (the API's client retries
 * a DELETE, so the outage lasts): the job fails at its DNS step and the card keeps the failed job with its Retry,
 * also after a reload (an app that is already failed shows its failed job); once Cloudflare is back, the retry
 * removes the app.
 */
export async function deleteApp(page) {
  await page.goto('/applications');
  await settle(page);
  const card = page.getByTestId('app-card').filter({ hasText: 'code-server' });
  // The card is there once the list has been read (before, the page may show no spinner yet).
  await card.waitFor();
  const route = 'DELETE /zones/{zone_id}/dns_records/{dns_record_id}';
  await cloudflareFault({ route, type: 'status', status: 503 });
  await card.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete ide?' });
  await confirm.getByLabel(/Also delete its data/).check();
  await look(page, '43b-app-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete ide' }).click();
  await confirm.waitFor({ state: 'detached' });
  const job = card.getByRole('region', { name: 'Delete ide' });
  const status = job.getByTestId('job-status');
  await status.filter({ hasText: /failed|succeeded/ }).waitFor({ timeout: 180_000 });
  check(
    (await status.textContent()).trim() === 'failed',
    `the delete did not fail while Cloudflare was down: ${await status.textContent()}`
  );
  const why = await job.getByRole('alert').textContent();
  check(
    /^Remove the DNS records: Cloudflare answered HTTP 503/.test(why ?? ''),
    `the failed delete does not name the DNS step and Cloudflare: ${why}`
  );
  // The list is read again after the job ends: the app is marked failed, and its failed job stays with the Retry.
  await card.getByTestId('app-status').filter({ hasText: 'failed' }).waitFor();
  check(
    await job.getByRole('button', { name: 'Retry from the failed step' }).isVisible(),
    'the card no longer offers to retry the failed delete'
  );
  await look(page, '44-app-delete-failed');
  await page.reload();
  await settle(page);
  const reloaded = page.getByTestId('app-card').filter({ hasText: 'code-server' });
  const failedJob = reloaded.getByRole('region', { name: 'failed ide' });
  await failedJob.getByTestId('job-status').filter({ hasText: 'failed' }).waitFor();
  check(
    /^Remove the DNS records: /.test((await failedJob.getByRole('alert').textContent()) ?? ''),
    'after a reload the failed delete no longer names its step'
  );
  await clearCloudflareFault(route);
  await failedJob.getByRole('button', { name: 'Retry from the failed step' }).click();
  await page
    .getByTestId('app-card')
    .filter({ hasText: 'code-server' })
    .waitFor({ state: 'detached', timeout: 180_000 });
  await look(page, '44b-app-deleted');
}
