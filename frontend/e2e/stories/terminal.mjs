// Terminal: through the local stack's relay to the sandbox server's bash; resize, resume, end, the recording.
import { readFileSync } from 'node:fs';
import { SERVER_NAME, STEP_TIMEOUT } from '../harness/config.mjs';
import { cannotRun, check, log } from '../harness/report.mjs';
import { DESKTOP, jwtOf, PHONE, settle } from '../harness/browser.mjs';
import { look } from '../harness/look.mjs';

/**
 * Fails unless a terminal can work here: the sessions route is deployed and the relay it names answers /healthz. Asked
 * through the API directly (the ticket it returns is single-use and expires unused), so the browser never tries a
 * socket to a relay that is not running — that would be a console error.
 */
async function needRelay(page, serverId) {
  const what = 'terminal (echo, resize, resume, end, recording)';
  const jwt = await jwtOf(page);
  const res = await page.request.post('/api/v1/terminal/sessions', {
    headers: { Authorization: `Bearer ${jwt}` },
    data: { vpsId: serverId, cols: 80, rows: 24 }
  });
  if (res.status() === 404 && (await res.json().catch(() => ({})))?.error?.code === 'ROUTE_NOT_FOUND') {
    cannotRun(what, 'POST /api/v1/terminal/sessions is not deployed (ROUTE_NOT_FOUND)');
  }
  check(res.status() === 201, `POST /api/v1/terminal/sessions answered ${res.status()}: ${await res.text()}`);
  const { relayUrl } = (await res.json()).data;
  const health = new URL(relayUrl, page.url());
  health.protocol = health.protocol === 'wss:' ? 'https:' : 'http:';
  health.pathname = '/healthz';
  health.search = '';
  const up = await fetch(health, { signal: AbortSignal.timeout(3000) }).then(
    (r) => r.ok,
    () => false
  );
  if (!up) cannotRun(what, `the relay at ${relayUrl} does not answer /healthz`);
}

/** Terminal: a command's output, a resize seen by stty, and a dropped socket resumed with the output intact. */
export async function terminalStory(page, serverId) {
  // Every relay socket goes through the test, so the test can drop one as a network failure would.
  const sockets = [];
  await page.routeWebSocket(/\/ws\/terminal\//, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await page.goto(`/terminal/${serverId}`);
  await page.getByRole('heading', { name: 'Terminal', exact: true }).waitFor();
  // the breadcrumb names the server, not its id
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: SERVER_NAME }).waitFor();
  await settle(page);
  await needRelay(page, serverId);
  // Recording is opt-in: this session is recorded, and its recording downloaded once it has been ended.
  check(!(await page.getByLabel('Record this session').isChecked()), 'recording is on before the user asks for it');
  await page.getByLabel('Record this session').check();
  await page.getByRole('button', { name: 'Open a session' }).click();
  await settle(page);
  const screen = page.getByTestId('terminal');
  // xterm draws one div per row: innerText has a line per row.
  const text = () =>
    page.evaluate(() => document.querySelector('[data-testid="terminal"] .xterm-rows')?.innerText ?? '');
  const waitText = (re) =>
    page.waitForFunction(
      (src) =>
        new RegExp(src, 'm').test(document.querySelector('[data-testid="terminal"] .xterm-rows')?.innerText ?? ''),
      re.source,
      { timeout: STEP_TIMEOUT }
    );
  const lastSize = (t) => [...t.matchAll(/^(\d+) (\d+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`).at(-1);
  await page.getByTestId('connection-state').filter({ hasText: 'Connected' }).waitFor();
  await screen.click();
  await page.keyboard.type('echo $((6*7))\n');
  await waitText(/^42\s*$/);
  await page.keyboard.type('stty size\n');
  await waitText(/^\d+ \d+\s*$/);
  const before = lastSize(await text());
  await page.setViewportSize({ width: 900, height: 600 });
  // The page refits xterm, which sends a resize; stty then reports the new rows and columns.
  let after = before;
  for (let i = 0; i < 10 && after === before; i++) {
    await page.keyboard.type('stty size\n');
    await page.waitForTimeout(300);
    after = lastSize(await text());
  }
  check(after && after !== before, `stty size did not change after the resize (${before} → ${after})`);
  await page.setViewportSize({ width: 1280, height: 900 });
  // Back to the full size: wait until the shell has seen it too, so nothing the resize causes arrives after the
  // line checked across the drop below.
  let back = after;
  for (let i = 0; i < 10 && back === after; i++) {
    await page.keyboard.type('stty size\n');
    await page.waitForTimeout(300);
    back = lastSize(await text()) ?? back;
  }
  check(back !== after, `stty size did not change after resizing back (${after} → ${back})`);
  await look(page, '50-terminal');
  // Drop the socket: the page reconnects on its own with a resume, and what was on screen is still there. A line
  // printed just before the drop is what is checked: the first `42` may have scrolled off the visible rows by then
  // (the resize loop above prints more lines the slower the machine).
  await screen.click();
  await page.keyboard.type('echo before-$((6*7))\n');
  await waitText(/^before-42\s*$/);
  const opened = sockets.length;
  await sockets.at(-1).close({ code: 4000, reason: 'dropped by the e2e test' });
  for (let i = 0; i < 100 && sockets.length === opened; i++) await page.waitForTimeout(100);
  check(sockets.length > opened, 'the terminal did not open a new socket within 10 s of the drop');
  await page.getByTestId('connection-state').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await screen.click();
  await page.keyboard.type('echo resumed-$((40+2))\n');
  await waitText(/^resumed-42\s*$/);
  check(/^before-42\s*$/m.test(await text()), 'the output before the drop is gone');
  await look(page, '51-terminal-resumed');

  // A reload keeps the LIVE session: the list names its server and offers to re-attach (not only End); the same
  // shell then goes on.
  await page.reload();
  await page.getByRole('heading', { name: 'Terminal', exact: true }).waitFor();
  const liveRow = page
    .locator('section[aria-labelledby="sessions-heading"]')
    .getByRole('listitem')
    .filter({ hasText: 'LIVE' });
  await liveRow.getByRole('button', { name: 'Re-attach' }).waitFor();
  await liveRow.getByTestId('session-server').filter({ hasText: SERVER_NAME }).waitFor();
  await look(page, '51b-terminal-reattach-offer');
  await liveRow.getByRole('button', { name: 'Re-attach' }).click();
  await page.getByTestId('connection-state').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  await screen.click();
  await page.keyboard.type('echo again-$((40+2))\n');
  await waitText(/^again-42\s*$/);
  check(
    (await liveRow.getByRole('button', { name: 'Re-attach' }).count()) === 0,
    'the attached session is still offered for re-attaching'
  );

  // On a phone: a key bar with Esc, Tab, Ctrl and arrows. Tab completes, ↑ recalls, Ctrl then c interrupts.
  await page.setViewportSize(PHONE);
  const keys = page.getByRole('group', { name: 'Terminal keys' });
  await keys.waitFor();
  await screen.click();
  await page.keyboard.type('ech');
  await keys.getByRole('button', { name: 'Tab' }).click();
  await page.keyboard.type(' tab-$((40+2))\n');
  await waitText(/^tab-42\s*$/);
  await keys.getByRole('button', { name: 'Up arrow' }).click();
  await page.keyboard.type('\n');
  await page.waitForFunction(
    () =>
      (document.querySelector('[data-testid="terminal"] .xterm-rows')?.innerText.match(/^tab-42\s*$/gm) ?? []).length >=
      2,
    null,
    { timeout: STEP_TIMEOUT }
  );
  await page.keyboard.type('sleep 60\n');
  await keys.getByRole('button', { name: 'Ctrl' }).click();
  check((await keys.getByRole('button', { name: 'Ctrl' }).getAttribute('aria-pressed')) === 'true', 'Ctrl is not held');
  await page.keyboard.type('c');
  await page.keyboard.type('echo ctrl-$((40+2))\n');
  await waitText(/^ctrl-42\s*$/); // within the step's 15 s: the 60 s sleep was interrupted
  await look(page, '51c-terminal-keys-375');
  await page.setViewportSize(DESKTOP);
  await endAndDownload(page, sockets);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await look(page, '50-terminal-page');
}

/**
 * The sessions list: the open session is LIVE; End closes its socket (the page says the session was ended) and the
 * list then says TERMINATED. Its recording downloads as asciicast v2 holding what was typed and printed.
 */
async function endAndDownload(page, sockets) {
  const sessions = page.locator('section[aria-labelledby="sessions-heading"]');
  const live = sessions.getByRole('listitem').filter({ hasText: 'LIVE' });
  await live.waitFor();
  check((await live.count()) === 1, `${await live.count()} sessions are listed as LIVE, not 1`);
  const shortId = (await live.locator('.font-mono').textContent()).trim();
  const opened = sockets.length;
  await live.getByRole('button', { name: 'End' }).click();
  // "the session was ended" is what the page says for the relay's close code 4410, and it does not reconnect.
  await page.getByTestId('connection-state').filter({ hasText: 'Disconnected (the session was ended)' }).waitFor();
  const row = sessions.getByRole('listitem').filter({ hasText: shortId });
  for (let i = 0; i < 20 && !(await row.textContent()).includes('TERMINATED'); i++) {
    await page.waitForTimeout(250);
    await sessions.getByRole('button', { name: 'Refresh' }).click();
  }
  check(
    (await row.textContent()).includes('TERMINATED'),
    `the ended session is not TERMINATED: ${await row.textContent()}`
  );
  check((await row.getByRole('button', { name: 'End' }).count()) === 0, 'the ended session still has an End button');
  await page.getByRole('button', { name: 'Open a new session' }).waitFor();
  check(sockets.length === opened, 'the page reconnected to the ended session');
  await look(page, '52-terminal-ended');
  await page.setViewportSize(PHONE);
  await look(page, '52b-terminal-375');
  await page.setViewportSize(DESKTOP);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'Download recording' }).click()
  ]);
  check(
    download.suggestedFilename().startsWith(`terminal-${shortId}`) && download.suggestedFilename().endsWith('.cast'),
    `the recording downloads as ${download.suggestedFilename()}`
  );
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  const header = JSON.parse(lines[0]);
  check(header.version === 2 && header.width > 0 && header.height > 0, `not an asciicast v2 header: ${lines[0]}`);
  const events = lines.slice(1).map((l) => JSON.parse(l));
  check(
    events.length > 0 && events.every((e) => Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string'),
    'the recording has malformed events'
  );
  const output = events
    .filter((e) => e[1] === 'o')
    .map((e) => e[2])
    .join('');
  for (const want of [/^42\r?$/m, /^resumed-42\r?$/m]) check(want.test(output), `the recording's output lacks ${want}`);
  log(`recording: ${events.length} events, ${output.length} characters of output`);
}
