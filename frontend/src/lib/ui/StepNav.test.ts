import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StepNav from './StepNav.svelte';

describe('StepNav', () => {
  it('marks the current step, lets earlier steps be gone back to and keeps later ones shut', async () => {
    render(StepNav, { steps: ['Shape', 'Name', 'Review'], step: 1 });
    const [shape, name, review] = screen.getAllByRole('button') as HTMLButtonElement[];
    expect(screen.getByRole('list', { name: 'Steps' })).toBeTruthy();
    expect([shape.textContent, name.textContent, review.textContent]).toEqual(['1. Shape', '2. Name', '3. Review']);
    expect(name.getAttribute('aria-current')).toBe('step');
    expect(shape.hasAttribute('aria-current')).toBe(false);
    expect([shape.disabled, name.disabled, review.disabled]).toEqual([false, false, true]);

    await fireEvent.click(shape);
    expect(shape.getAttribute('aria-current')).toBe('step');
    expect(name.disabled).toBe(true);
  });
});
