// Logging, checks and step reporting. Every step either passes or fails with a reason: there is no "skip" (a step
// that cannot run — a route not deployed, a relay that does not answer — is a failure saying why).
const started = Date.now();
const steps = [];

export const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);
export const log = (...a) => console.log('[e2e]', `+${elapsed()}s`, ...a);

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Fails the current step because it cannot run here (instead of skipping it). */
export function cannotRun(what, why) {
  throw new Error(`${what} cannot run: ${why}`);
}

/** Runs one named step, logs its start and duration, and records it for the summary. */
export async function step(name, fn) {
  const t0 = Date.now();
  log(`STEP ${name}`);
  try {
    const result = await fn();
    steps.push({ name, ms: Date.now() - t0, ok: true });
    log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return result;
  } catch (e) {
    steps.push({ name, ms: Date.now() - t0, ok: false });
    e.message = `step "${name}": ${e.message}`;
    throw e;
  }
}

/** One line per step, in the order they finished. */
export function summary() {
  return steps
    .map((s) => `  ${s.ok ? 'ok  ' : 'FAIL'} ${(s.ms / 1000).toFixed(1).padStart(6)} s  ${s.name}`)
    .join('\n');
}
