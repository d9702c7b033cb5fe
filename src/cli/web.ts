// cli stage: `govhealth web` (the dashboard and the pre-publication check API) and `govhealth user` (dashboard
// accounts with scrypt-hashed passwords, and API tokens for the pre-publication API).
import { randomBytes } from 'node:crypto';
import { Option } from 'commander';
import { ConfigError } from '../errors/index.ts';
import { Store } from '../storage/index.ts';
import { buildWebApp, hashPassword, newApiToken } from '../web/index.ts';
import { configFromOptions, EXIT, parseNow, type RegisterCommand } from './context.ts';

/** Adds `web`: serves the dashboard until SIGINT/SIGTERM. */
export const registerWeb: RegisterCommand = (program, io) => {
  program
    .command('web')
    .description('serve the dashboard and the pre-publication check API (login with accounts from govhealth user add)')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--port <n>', 'port (default: web.port in the config, 8080)')
    .option('--host <address>', 'address to listen on (default: web.host in the config, 127.0.0.1)')
    .option('--now <iso>', 'judge verdicts at this time instead of the real clock (demos, reproductions)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (opts: { config: string; port?: string; host?: string; now?: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const port = opts.port !== undefined ? Number(opts.port) : config.web.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port: expected a port number 0–65535, got "${opts.port}"`);
      const host = opts.host ?? config.web.host;
      const fixed = opts.now ? parseNow(opts.now) : undefined;
      const store = Store.open(config.dataDir);
      const { app } = await buildWebApp({ config, store, ...(fixed ? { now: () => fixed } : {}) });
      try {
        const address = await app.listen({ port, host });
        io.stdout.write(`govhealth web: ${address}/\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      } finally {
        await app.close();
        store.close();
      }
    });
};

/** Adds `user add`, `user token` and `user list`. */
export const registerUser: RegisterCommand = (program, io, setExit) => {
  const user = program.command('user').description('dashboard accounts and API tokens');

  user
    .command('add')
    .description('add a dashboard account (or reset its role and password); prints a generated password when none is given')
    .argument('<name>', 'login name')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .addOption(new Option('--role <role>', 'supervisor sees all sites; editor sees their own columns, accounts and sites').choices(['supervisor', 'editor']).makeOptionMandatory())
    .option('--editor <id>', 'editor id from the config (required for --role editor)')
    .option('--password-env <VAR>', 'take the password from this environment variable (at least 8 characters)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action(async (name: string, opts: { config: string; role: 'supervisor' | 'editor'; editor?: string; passwordEnv?: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) throw new ConfigError(`user name: expected 1–64 letters, digits, . _ @ -, got "${name}"`);
      if (opts.role === 'editor' && !opts.editor) throw new ConfigError('--editor: required with --role editor (an id from editors in the config)');
      if (opts.role === 'supervisor' && opts.editor) throw new ConfigError('--editor: only for --role editor');
      if (opts.editor && !config.editors.some((e) => e.id === opts.editor)) {
        throw new ConfigError(`--editor: no editor "${opts.editor}" in ${config.source} (known: ${config.editors.map((e) => e.id).join(', ') || 'none'})`);
      }
      let password: string;
      let generated = false;
      if (opts.passwordEnv) {
        const v = io.env[opts.passwordEnv];
        if (!v) throw new ConfigError(`--password-env: environment variable ${opts.passwordEnv} is not set`);
        if ([...v].length < 8) throw new ConfigError(`--password-env: the password in ${opts.passwordEnv} must have at least 8 characters`);
        password = v;
      } else {
        password = randomBytes(12).toString('base64url');
        generated = true;
      }
      const store = Store.open(config.dataDir);
      try {
        store.users.upsert({ name, role: opts.role, ...(opts.editor ? { editorId: opts.editor } : {}), passwordHash: await hashPassword(password) }, new Date());
      } finally {
        store.close();
      }
      io.stdout.write(`user ${name} (${opts.role}${opts.editor ? `, editor ${opts.editor}` : ''}) saved\n`);
      if (generated) io.stdout.write(`password: ${password}\n`);
      setExit(EXIT.ok);
    });

  user
    .command('token')
    .description('create an API token for the pre-publication check API (Authorization: Bearer <token>); shown once')
    .argument('<name>', 'login name of the account the token acts as')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--label <text>', 'what the token is for', '')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action((name: string, opts: { config: string; label: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const store = Store.open(config.dataDir);
      try {
        if (!store.users.get(name)) throw new ConfigError(`no account "${name}" (add it with govhealth user add)`);
        const { token, hash } = newApiToken();
        store.users.addToken(name, hash, opts.label, new Date());
        io.stdout.write(`${token}\n`);
      } finally {
        store.close();
      }
    });

  user
    .command('list')
    .description('list dashboard accounts')
    .requiredOption('--config <file>', 'site registry (YAML)')
    .option('--data-dir <dir>', 'data folder (default: $GOVHEALTH_DATA_DIR, dataDir in the config, ./data)')
    .action((opts: { config: string; dataDir?: string }) => {
      const config = configFromOptions(opts, io);
      const store = Store.open(config.dataDir);
      try {
        for (const u of store.users.list()) io.stdout.write(`${u.name}\t${u.role}\t${u.editorId ?? ''}${u.disabled ? '\tdisabled' : ''}\n`);
      } finally {
        store.close();
      }
    });
};
