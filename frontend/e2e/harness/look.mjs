// Every page and state the stories visit is looked at in both themes: axe-core (injected into the page) must find no
// violation, and a full-page screenshot of each theme goes to target/e2e/screenshots/<state>-<theme>.png. Violations
// are collected over the whole run and reported together (rule, impact, element, where), so one run lists them all.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { artifacts } from './config.mjs';
import { check, log } from './report.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const THEMES = ['light', 'dark'];
const found = [];
const looked = { light: 0, dark: 0 };
// What axe could not decide ("needs review", e.g. text over a gradient): not a violation, reported for a human.
const unsure = { light: new Map(), dark: new Map() };
const review = [];
const screenshots = [];

/**
 * Switches the page's theme the way a user's system does (prefers-color-scheme); the app follows it live while no
 * explicit choice is stored.
 */
export async function useTheme(page, theme) {
  await page.emulateMedia({ colorScheme: theme });
  await page
    .waitForFunction((t) => document.documentElement.dataset.theme === t, theme, { timeout: 5_000 })
    .catch(async () => {
      const now = await page.evaluate(() => document.documentElement.dataset.theme);
      throw new Error(`the page does not follow prefers-color-scheme: ${theme} (data-theme is ${now})`);
    });
  // Two frames: the new colours are painted before axe reads them or the screenshot is taken.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** axe-core's violations on the page as it is now. Injected through the DevTools protocol, so the site's CSP stays. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const list = (results) =>
      results.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()
        }))
      }));
    return { violations: list(r.violations), incomplete: list(r.incomplete) };
  });
}

/** axe and a screenshot in each theme; the page is left in the light theme. */
export async function look(page, name) {
  const where = new URL(page.url()).pathname;
  const width = page.viewportSize()?.width;
  for (const theme of THEMES) {
    await useTheme(page, theme);
    const { violations, incomplete } = await axe(page);
    looked[theme]++;
    for (const v of incomplete) {
      unsure[theme].set(v.rule, (unsure[theme].get(v.rule) ?? 0) + v.nodes.length);
      for (const n of v.nodes)
        review.push(`${theme} ${name} (${where}, ${width} px) ${v.rule}: ${n.target} — ${n.summary.slice(0, 200)}`);
    }
    for (const v of violations) for (const n of v.nodes) found.push({ ...v, ...n, theme, state: name, where, width });
    const path = join(artifacts, 'screenshots', `${name}-${theme}.png`);
    await page.screenshot({ path, fullPage: true });
    screenshots.push(path);
    const n = violations.reduce((a, v) => a + v.nodes.length, 0);
    log(
      `looked at ${name} (${where}, ${width} px) ${theme}: ${n ? `${n} axe violation(s): ${violations.map((v) => v.rule).join(', ')}` : 'no axe violation'}`
    );
  }
  await useTheme(page, 'light');
}

export const screenshotList = () => [...screenshots];

/** Map.groupBy, which Node 20 does not have. */
function groupBy(list, key) {
  const m = new Map();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** Violations by theme and rule, with each element and the states it was seen in. */
export function axeReport() {
  const lines = [];
  for (const theme of THEMES) {
    const mine = found.filter((f) => f.theme === theme);
    const review = [...unsure[theme]].map(([rule, n]) => `${rule} ×${n}`).join(', ');
    lines.push(
      `${theme}: ${mine.length} violation(s) in ${looked[theme]} states${review ? `; axe could not decide (needs review, not failing): ${review}` : ''}`
    );
    const byRule = groupBy(mine, (f) => f.rule);
    for (const [rule, list] of byRule) {
      lines.push(`  ${rule} (${list[0].impact}): ${list[0].help}`);
      for (const [target, at] of groupBy(list, (f) => f.target)) {
        lines.push(`    ${target}  — ${at[0].summary.slice(0, 220)}`);
        lines.push(`      in: ${[...new Set(at.map((a) => `${a.state} (${a.where}, ${a.width} px)`))].join(', ')}`);
      }
    }
  }
  return lines.join('\n');
}

export const axeViolations = () => found.length;

/** Writes what axe could not decide to target/e2e/axe-needs-review.txt; returns the path. */
export function writeReview() {
  const path = join(artifacts, 'axe-needs-review.txt');
  writeFileSync(path, review.join('\n') + '\n');
  return path;
}

export function checkAxe() {
  check(found.length === 0, `axe-core found violations:\n${axeReport()}`);
}
