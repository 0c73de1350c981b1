import { describe, expect, it } from 'vitest';
import { estimateSize } from './size';

describe('estimateSize', () => {
  it('fits a box', () => {
    expect(estimateSize(840, 340)).toEqual({ cols: 100, rows: 20 });
  });
  it('has sane bounds for hidden or huge boxes', () => {
    expect(estimateSize(0, 0)).toEqual({ cols: 76, rows: 20 });
    expect(estimateSize(10, 10)).toEqual({ cols: 20, rows: 5 });
    expect(estimateSize(1e6, 1e6)).toEqual({ cols: 1000, rows: 1000 });
  });
});
