// The pages use the design tokens of app.css only: Tailwind's default palette is switched off there, so a raw colour
// class (bg-white, text-slate-600, …) would silently render nothing; this test names it instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest runs in frontend/ (import.meta.url is not a file: URL under jsdom).
const src = resolve(process.cwd(), 'src') + '/';
const PALETTE =
  'slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose';
const RAW = new RegExp(
  `\\b(?:bg|text|border|divide|ring|outline|from|to|via|fill|stroke|decoration|accent|placeholder|shadow)-(?:(?:${PALETTE})-\\d{2,3}|white|black)\\b`,
  'g'
);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : /\.(svelte|ts|html|css)$/.test(e.name) && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : []
  );
}

describe('design tokens', () => {
  it('no page or component uses a raw palette colour', () => {
    const found = files(src).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(RAW)].map((m) => `${f.slice(src.length)}: ${m[0]}`)
    );
    expect(found).toEqual([]);
  });
});
