// test helpers: a local SMTP sink (smtp-server + mailparser), a webhook receiver recording posted bodies (it can be
// told to fail), and a pino log sink that keeps every line — all on 127.0.0.1, port 0.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createLogger, type Logger } from '../../src/log/index.ts';

export interface SmtpSink {
  port: number;
  mails: (ParsedMail & { envelopeTo: string[] })[];
  close(): Promise<void>;
}

/** An SMTP server that accepts every mail (no TLS, no auth) and keeps it parsed. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SmtpSink['mails'] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Posted {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface WebhookReceiver {
  url(path: string): string;
  posts: Posted[];
  /** The next n requests are answered with HTTP 500. */
  failNext(n: number): void;
  /** Reply body (JSON) for every accepted request. */
  reply: unknown;
  close(): Promise<void>;
}

/** An HTTP server recording every POST body (JSON) and answering `reply` (default `{ errcode: 0 }`). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let failing = 0;
  const r: WebhookReceiver = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    posts: [],
    failNext: (n) => (failing = n),
    reply: { errcode: 0, errmsg: 'ok', code: 0 },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      if (failing > 0) {
        failing--;
        res.writeHead(500).end('busy');
        return;
      }
      const u = new URL(req.url ?? '/', 'http://x');
      r.posts.push({ path: u.pathname, query: u.searchParams, headers: req.headers, body: JSON.parse(data), at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return r;
}

/** A pino logger at debug level whose lines are kept (raw text and parsed). */
export function logSink(): { log: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const log = createLogger({ level: 'debug', destination: stream as never });
  return { log, lines, text: () => lines.join('\n') };
}
