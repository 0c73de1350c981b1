import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { ok, stubFetch } from '$lib/testing';
import VersionPicker from './VersionPicker.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const VERSIONS = ok([{ version: '4.97.0' }, { version: '4.96.4' }, { version: '4.96.2' }, { version: '4.95.3' }]);
const offered = () => Array.from((screen.getByLabelText('Upgrade to') as HTMLSelectElement).options, (o) => o.value);

describe('the version picker of an upgrade', () => {
  it('offers only versions newer than the installed one, the newest picked', async () => {
    stubFetch({ 'GET /api/v1/applications/versions/code-server': VERSIONS });
    render(VersionPicker, { appType: 'code-server', label: 'Upgrade to', exclude: '4.96.2' });
    await waitFor(() => expect(offered()).toEqual(['4.97.0', '4.96.4', '4.96.2']));
    const select = screen.getByLabelText('Upgrade to') as HTMLSelectElement;
    expect(select.value).toBe('4.97.0');
    expect(select.options[2].disabled).toBe(true); // the installed one, shown as such, not selectable
  });

  it('says so when the installed version is the latest, and picks nothing', async () => {
    stubFetch({ 'GET /api/v1/applications/versions/code-server': VERSIONS });
    render(VersionPicker, { appType: 'code-server', label: 'Upgrade to', exclude: '4.97.0' });
    await screen.findByText('4.97.0 is the latest version.');
    expect(offered()).toEqual(['4.97.0']);
    expect((screen.getByLabelText('Upgrade to') as HTMLSelectElement).value).toBe('');
  });

  it('offers every listed version when the installed one is older than the list', async () => {
    stubFetch({ 'GET /api/v1/applications/versions/code-server': VERSIONS });
    render(VersionPicker, { appType: 'code-server', label: 'Upgrade to', exclude: '4.80.0' });
    await waitFor(() => expect(offered()).toEqual(['4.97.0', '4.96.4', '4.96.2', '4.95.3']));
  });
});
