import { describe, expect, it } from 'vitest';
import { removalSummary } from './removal';

describe('removalSummary', () => {
  it('names what the API removed', () => {
    expect(removalSummary({ id: 1, name: 'web' }, { removed: ['server', 'config'], applications: ['code'], dns_records: ['code.example.com'] }))
      .toBe('Deleted web: removed server, config; 1 app (code); 1 DNS record (code.example.com).');
  });
  it('copes with an empty answer', () => {
    expect(removalSummary({ id: 1, name: 'web' }, null)).toBe('Deleted web.');
  });
});
