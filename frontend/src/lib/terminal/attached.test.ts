import { beforeEach, describe, expect, it } from 'vitest';
import { attached, forget, remember } from './attached';

const a = { sessionId: 's1', resumeToken: 'R1', lastSeq: 40, relayUrl: 'ws://127.0.0.1:9/ws/terminal/s1', vpsId: '7' };

describe('attached terminal sessions', () => {
  beforeEach(() => sessionStorage.clear());
  it('survives a reload of the tab (sessionStorage), and is forgotten on request', () => {
    remember(a);
    remember({ ...a, sessionId: 's2' });
    remember({ ...a, resumeToken: 'R2', lastSeq: 50 });
    expect(attached('s1')).toEqual({ ...a, resumeToken: 'R2', lastSeq: 50 });
    forget('s1');
    expect(attached('s1')).toBeNull();
    expect(attached('s2')?.vpsId).toBe('7');
  });
  it('ignores garbage', () => {
    sessionStorage.setItem('xanthus.terminal', 'not json');
    expect(attached('s1')).toBeNull();
    sessionStorage.setItem('xanthus.terminal', JSON.stringify({ s1: { sessionId: 's1' } }));
    expect(attached('s1')).toBeNull();
  });
});
