// storage: dashboard login sessions. The cookie carries a random id; only its hash is stored, with the session's
// CSRF token and its expiry (sliding).
import type { Db } from './db.ts';

export interface WebSession {
  idHash: string;
  userName: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

interface RawSession {
  id_hash: string;
  user_name: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** Login sessions. */
export class SessionStore {
  constructor(private readonly db: Db) {}

  create(s: WebSession): void {
    this.db
      .prepare('INSERT INTO web_sessions (id_hash, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.idHash, s.userName, s.csrf, s.createdAt, s.expiresAt);
  }

  /** The session with this id hash when it has not expired at `now`. */
  get(idHash: string, now: Date): WebSession | undefined {
    const r = this.db.prepare('SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now.toISOString()) as
      | RawSession
      | undefined;
    return r && { idHash: r.id_hash, userName: r.user_name, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at };
  }

  /** Moves the expiry of a session (sliding expiry). */
  touch(idHash: string, expiresAt: Date): void {
    this.db.prepare('UPDATE web_sessions SET expires_at = ? WHERE id_hash = ?').run(expiresAt.toISOString(), idHash);
  }

  delete(idHash: string): void {
    this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash);
  }

  /** Removes expired sessions; returns how many. */
  purge(now: Date): number {
    return this.db.prepare('DELETE FROM web_sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
