// config stage: settings of the dashboard and the pre-publication check API (`web`): where it listens, cookie and
// session rules, request size limits, and where the quarterly reports are found.
import { z } from 'zod';

/** Settings of `govhealth web`. The command line (--port, --host) overrides host and port. */
export const webSettingsSchema = z.strictObject({
  /** Address to listen on. The default keeps the dashboard on this machine; put a TLS proxy in front to share it. */
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** Hours a login lasts without activity. */
  sessionHours: z.number().min(0.1).max(24 * 30).default(12),
  /**
   * Secure cookies: `auto` sets Secure when the request came over HTTPS (directly or, with trustProxy, through a
   * proxy saying so); `always` sets it even on plain HTTP (the browser then only sends it back over HTTPS).
   */
  secureCookies: z.enum(['auto', 'always']).default('auto'),
  /** Trust X-Forwarded-Proto/-For from a reverse proxy in front (TLS ends there). */
  trustProxy: z.boolean().default(false),
  /** Largest request body of a form or a JSON request, in bytes. */
  maxBodyBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  /** Largest uploaded document for the pre-publication check, in bytes. */
  maxUploadBytes: z.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Longest text the pre-publication check accepts, in characters. */
  maxTextChars: z.number().int().min(100).max(5_000_000).default(200_000),
  /** Folder of the generated quarterly reports (one folder per quarter, e.g. reports/2026Q4/). */
  reportsDir: z.string().default('./reports'),
});

export type WebSettings = z.infer<typeof webSettingsSchema>;
