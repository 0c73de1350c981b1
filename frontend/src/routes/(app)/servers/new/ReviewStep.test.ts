import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ReviewStep from './ReviewStep.svelte';

const rows = createRawSnippet(() => ({ render: () => '<dt>Name</dt>' }));
const note = createRawSnippet(() => ({ render: () => '<span>Billed from now on.</span>' }));

describe('ReviewStep', () => {
  it('shows the rows and the note, and blocks both buttons while creating', async () => {
    let finish!: () => void;
    const create = vi.fn(() => new Promise<void>((ok) => (finish = ok)));
    const onback = vi.fn();
    render(ReviewStep, { create, onback, children: rows, note });
    expect(screen.getByRole('heading', { name: 'Review' })).toBeTruthy();
    expect(screen.getByText('Name').tagName).toBe('DT');
    expect(screen.getByText('Billed from now on.')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Create server' }));
    const creating = screen.getByRole('button', { name: 'Creating…' }) as HTMLButtonElement;
    expect(creating.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(true);
    expect(create).toHaveBeenCalledOnce();

    finish();
    await screen.findByRole('button', { name: 'Create server' });
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onback).toHaveBeenCalledOnce();
  });

  it('shows a refusal and lets the user try again', async () => {
    const create = vi.fn().mockRejectedValueOnce(new Error('The name is taken.')).mockResolvedValueOnce(undefined);
    render(ReviewStep, { create, onback: () => {}, children: rows, note });
    await fireEvent.click(screen.getByRole('button', { name: 'Create server' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The name is taken.');
    await fireEvent.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(create).toHaveBeenCalledTimes(2);
  });
});
