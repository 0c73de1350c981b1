import { describe, expect, it } from 'vitest';
import { recentlyCreated, STARTING_UP, stageText, statusMessage } from './boot';

const offline = {
  reachable: false,
  stage: undefined,
  message: 'The server does not answer on SSH (it may be off or still booting).'
};

describe('a server that does not answer yet', () => {
  it('is starting up while it is new, not "maybe off"', () => {
    expect(statusMessage(offline, true)).toBe(STARTING_UP);
    expect(stageText(offline, true)).toBe('starting up');
  });
  it('keeps the API message and says unreachable once it is not new', () => {
    expect(statusMessage(offline, false)).toMatch(/may be off/);
    expect(stageText(offline, false)).toBe('unreachable');
  });
  it('shows the reachable server as it is', () => {
    expect(stageText({ reachable: true, stage: 'READY' }, true)).toBe('READY');
    expect(statusMessage({ reachable: true, message: 'Ready.' }, true)).toBe('Ready.');
  });
  it('takes a server created in the last 15 minutes as booting', () => {
    const now = Date.parse('2026-12-04T20:00:00Z');
    expect(recentlyCreated('2026-12-04T19:50:00Z', now)).toBe(true);
    expect(recentlyCreated('2026-12-04T19:40:00Z', now)).toBe(false);
    expect(recentlyCreated(undefined, now)).toBe(false);
  });
});
