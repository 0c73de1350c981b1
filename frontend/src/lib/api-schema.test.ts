// @vitest-environment node
// The web app's types are generated from the API's one document; this fails when openapi.yaml changed and
// `npm run api-types` was not run (or the generated file was edited by hand).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const frontend = resolve(import.meta.dirname, '../..');
const spec = resolve(frontend, '../functions/api/src/main/resources/openapi.yaml');
const checkedIn = resolve(frontend, 'src/lib/api-schema.d.ts');

describe('api-schema.d.ts', () => {
  it('is what openapi-typescript makes of openapi.yaml today', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-schema-'));
    try {
      const fresh = join(dir, 'api-schema.d.ts');
      // The same command as `npm run api-types`, with the pinned openapi-typescript.
      execFileSync(
        process.execPath,
        [resolve(frontend, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', fresh],
        {
          cwd: frontend,
          stdio: 'pipe'
        }
      );
      expect(readFileSync(checkedIn, 'utf8'), 'stale: run `npm run api-types` in frontend/').toBe(
        readFileSync(fresh, 'utf8')
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
