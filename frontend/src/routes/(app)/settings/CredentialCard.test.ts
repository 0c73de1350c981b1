import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import CredentialCard from './CredentialCard.svelte';

type Status = { stored: boolean };
const snippet = (html: string) => createRawSnippet(() => ({ render: () => html }));

function card(over: Record<string, unknown> = {}) {
  const props = {
    id: 'x',
    title: 'Example key',
    intro: snippet('<span>Why a key.</span>'),
    loadingLabel: 'Loading…',
    what: 'Example settings',
    load: vi.fn(async (): Promise<Status> => ({ stored: true })),
    stored: true,
    current: snippet('<p>Stored.</p>'),
    fields: snippet('<input aria-label="Key" />'),
    formClass: 'space-y-2',
    noun: 'key',
    checking: 'Checking…',
    save: vi.fn(async () => 'Saved.'),
    oncancel: vi.fn(),
    question: 'Remove the example key?',
    keep: 'Keep it',
    remove: vi.fn(async () => 'Removed.'),
    ...over
  };
  render(CredentialCard<Status>, { props });
  return props;
}

describe('CredentialCard', () => {
  it('replaces a stored secret: the form opens, a save that returns a message closes it and says so', async () => {
    const p = card();
    expect(screen.getByRole('heading', { name: 'Example key' }).id).toBe('x-heading');
    await fireEvent.click(await screen.findByRole('button', { name: 'Replace key' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(screen.queryByLabelText('Key')).toBeNull();
    expect(p.save).toHaveBeenCalledOnce();
  });

  it('keeps the form open and says nothing when save returns nothing; Cancel closes it', async () => {
    const p = card({ save: vi.fn(async () => undefined) });
    await fireEvent.click(await screen.findByRole('button', { name: 'Replace key' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(p.save).toHaveBeenCalledOnce());
    expect(screen.getByLabelText('Key')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(p.oncancel).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Replace key' })).toBeTruthy();
  });

  it('shows the form without Cancel when nothing is stored', async () => {
    card({ stored: false });
    await screen.findByRole('button', { name: 'Save key' });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows the form without Cancel when the stored secret cannot be kept', async () => {
    card({ editing: true, cancellable: false });
    await screen.findByRole('button', { name: 'Save key' });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Replace key' })).toBeNull();
  });

  it('removes only after confirmation; a refusal stays in the question until it is closed', async () => {
    const remove = vi.fn().mockRejectedValueOnce(new Error('Try later.')).mockResolvedValueOnce('Removed.');
    card({ remove });
    const ask = await screen.findByRole('button', { name: 'Remove key' });
    await fireEvent.click(ask);
    expect(ask.getAttribute('aria-expanded')).toBe('true');
    const question = screen.getByRole('group', { name: 'Remove the example key?' });
    expect(remove).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Try later.');
    expect(question.isConnected).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the key' }));
    expect((await screen.findByRole('status')).textContent).toBe('Removed.');
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('offers to load again after a failed load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('Offline.')).mockResolvedValueOnce({ stored: true });
    card({ load });
    expect((await screen.findByRole('alert')).textContent).toContain('Offline.');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Stored.')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
