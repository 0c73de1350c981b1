import type { Account, Login } from './types';

/** What a session keeps of a sign-in answer: the JWT and the account, the rest when the answer has it. */
export type SignIn = Pick<Login, 'jwt_token' | 'account_id'> & Partial<Login>;

/** What the browser keeps about a signed-in user. The Cloudflare token itself is never stored. */
export interface SessionData {
  token: string;
  accountId: string;
  accountName?: string;
  email?: string;
  accounts: Account[];
  expiresAt?: string;
}

export const STORAGE_KEY = 'xanthus.session';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function expired(data: SessionData, now = Date.now()): boolean {
  if (!data.expiresAt) return false;
  const at = Date.parse(data.expiresAt);
  return Number.isFinite(at) && at <= now;
}

export function readStored(): SessionData | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as SessionData;
    if (typeof data?.token !== 'string' || !data.token || expired(data)) {
      storage()?.removeItem(STORAGE_KEY);
      return null;
    }
    return { ...data, accounts: Array.isArray(data.accounts) ? data.accounts : [] };
  } catch {
    storage()?.removeItem(STORAGE_KEY);
    return null;
  }
}

/** The signed-in session: reactive, mirrored to sessionStorage so it survives a reload of the tab. */
class Session {
  current = $state<SessionData | null>(readStored());

  get token(): string | null {
    if (this.current && expired(this.current)) this.clear();
    return this.current?.token ?? null;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  signIn(login: SignIn): void {
    const accounts = login.accounts ?? [];
    const data: SessionData = {
      token: login.jwt_token,
      accountId: login.account_id,
      accountName: login.name ?? accounts.find((a) => a.id === login.account_id)?.name,
      email: login.email,
      accounts,
      expiresAt: login.expires_at
    };
    this.current = data;
    storage()?.setItem(STORAGE_KEY, JSON.stringify(data));
  }

  clear(): void {
    this.current = null;
    storage()?.removeItem(STORAGE_KEY);
  }

  /** Re-reads storage (another code path, or a test, changed it). */
  reload(): void {
    this.current = readStored();
  }
}

export const session = new Session();
