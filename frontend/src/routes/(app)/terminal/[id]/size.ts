/** Columns and rows that fit a box, before xterm has measured its font (about 8.4 × 17 px at 14 px); 1..1000. */
export function estimateSize(width: number, height: number): { cols: number; rows: number } {
  const clamp = (n: number, min: number) => Math.min(1000, Math.max(min, Math.floor(n)));
  return { cols: clamp((width || 640) / 8.4, 20), rows: clamp((height || 340) / 17, 5) };
}
