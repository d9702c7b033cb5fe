// storage: dashboard accounts and the API tokens of the pre-publication check. Only hashes are stored: the
// password hash comes from the web stage (scrypt), tokens are kept as their SHA-256.
import type { Db } from './db.ts';

export type WebRole = 'supervisor' | 'editor';

export interface WebUser {
  name: string;
  role: WebRole;
  /** The editor id (config `editors`) whose columns, accounts and sites an editor account sees. */
  editorId?: string;
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

interface RawUser {
  name: string;
  role: WebRole;
  editor_id: string | null;
  password_hash: string;
  created_at: string;
  disabled: number;
}

const toUser = (r: RawUser): WebUser => ({
  name: r.name,
  role: r.role,
  ...(r.editor_id !== null ? { editorId: r.editor_id } : {}),
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  disabled: r.disabled === 1,
});

/** Dashboard accounts and their API tokens. */
export class UserStore {
  constructor(private readonly db: Db) {}

  /** Adds an account, or replaces the role, editor and password of an existing one. */
  upsert(user: { name: string; role: WebRole; editorId?: string; passwordHash: string }, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO web_users (name, role, editor_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, editor_id = excluded.editor_id,
           password_hash = excluded.password_hash, disabled = 0`,
      )
      .run(user.name, user.role, user.editorId ?? null, user.passwordHash, now.toISOString());
  }

  get(name: string): WebUser | undefined {
    const r = this.db.prepare('SELECT * FROM web_users WHERE name = ?').get(name) as RawUser | undefined;
    return r && toUser(r);
  }

  list(): WebUser[] {
    return (this.db.prepare('SELECT * FROM web_users ORDER BY name').all() as RawUser[]).map(toUser);
  }

  /** Stores an API token (by its hash) for an account. */
  addToken(userName: string, tokenHash: string, label: string, now: Date): void {
    this.db
      .prepare('INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, userName, label, now.toISOString());
  }

  /** The enabled account owning a token hash, marking the token used. */
  userByToken(tokenHash: string, now: Date): WebUser | undefined {
    const r = this.db
      .prepare('SELECT u.* FROM api_tokens t JOIN web_users u ON u.name = t.user_name WHERE t.token_hash = ? AND u.disabled = 0')
      .get(tokenHash) as RawUser | undefined;
    if (!r) return undefined;
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?').run(now.toISOString(), tokenHash);
    return toUser(r);
  }
}
