// Metrics: the server page draws the server's sysstat samples (the sandbox runs the real collector its setup
// switched on, a sample a minute as on a real server), switches range, and the dashboard shows a sparkline.
import { STEP_TIMEOUT } from '../harness/config.mjs';
import { check, log } from '../harness/report.mjs';
import { settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/** Reloads the server page until its charts are drawn (the first samples come a minute or two after setup). */
async function chartsDrawn(page, serverId) {
  const deadline = Date.now() + 150_000;
  for (;;) {
    await page.goto(`/servers/${serverId}`);
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    const drawn = page.getByTestId('metrics-charts').locator('canvas').first();
    const empty = page.getByTestId('metrics-empty');
    await drawn.or(empty).first().waitFor({ timeout: STEP_TIMEOUT });
    if (await drawn.isVisible()) return;
    check(Date.now() < deadline, `no metrics after 150 s: ${await empty.textContent()}`);
    log('metrics: waiting for samples —', await empty.textContent());
    await page.waitForTimeout(10_000);
  }
}

export async function metricsStory(page, serverId) {
  await chartsDrawn(page, serverId);
  const charts = page.getByTestId('metrics-charts');
  check((await charts.locator('canvas').count()) === 5, 'the server page should draw five charts');
  for (const name of ['CPU', 'Memory', 'Disk (/)', 'Network', 'Load (1 min)']) {
    await charts.getByText(name, { exact: true }).waitFor();
  }
  const cpu = await charts.getByRole('img').first().getAttribute('aria-label');
  check(/^CPU: now busy \d/.test(cpu ?? ''), `the CPU chart should say its latest value, said: ${cpu}`);
  await page.getByRole('button', { name: 'Last 24 hours' }).click();
  await page.getByRole('button', { name: 'Last 24 hours', pressed: true }).waitFor();
  await charts.locator('canvas').first().waitFor();
  await page.getByText('One point every 3 min').waitFor();
  await settle(page);
  await look(page, 'server-metrics');

  await page.goto('/');
  await page.getByTestId('sparkline').first().locator('canvas').waitFor({ timeout: STEP_TIMEOUT });
  await look(page, 'dashboard-sparkline');
}
