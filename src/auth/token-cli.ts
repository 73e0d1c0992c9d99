// `npm run --silent token -- create|list|revoke` manages DATA_DIR/tokens.json, `... client create|list|revoke`
// the OAuth2 clients in DATA_DIR/oauth-clients.json, also while the server runs (it notices the change
// within a second). Exit 2 for bad usage, 1 for a refused operation.
import { parseFlags, UsageError } from '../cli-usage.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { clientFilePath, createClient, readClients, revokeClient } from './oauth/client-file.ts';
import { TokenStoreError, createToken, readTokens, revokeToken, tokenFilePath } from './token-file.ts';
import { isRole, type Role } from './credential-records.ts';

const USAGE = `usage:
  npm run --silent token -- create --name NAME --role admin|read   prints the new token (only this once)
  npm run --silent token -- list                                    names, roles, creation times
  npm run --silent token -- revoke --name NAME
  npm run --silent token -- client create --name NAME --role admin|read
                                        prints {"client_id","client_secret"} (the secret only this once)
  npm run --silent token -- client list          names, roles, client ids, creation times
  npm run --silent token -- client revoke --name NAME   its access tokens stop working at once
DATA_DIR selects the data directory (default ./data).`;

export type Command =
  | { kind: 'create'; name: string; role: Role }
  | { kind: 'list' }
  | { kind: 'revoke'; name: string }
  | { kind: 'help' }
  | { kind: 'client-create'; name: string; role: Role }
  | { kind: 'client-list' }
  | { kind: 'client-revoke'; name: string };

export { UsageError } from '../cli-usage.ts';

/** Pure: argv (after the script) to a command, or UsageError with what is wrong. */
export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseFlags(argv, {
    name: { type: 'string' },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const isClient = positionals[0] === 'client';
  const [command, ...extra] = isClient ? positionals.slice(1) : positionals;
  if (values.help || command === 'help') return { kind: 'help' };
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const name = () => {
    if (!values.name) throw new UsageError(`${command} needs --name NAME`);
    return values.name;
  };
  const noRole = () => {
    if (values.role !== undefined) throw new UsageError(`${command} takes no --role`);
  };
  const plain = commandFor(command, name, noRole, values);
  if (!isClient) return plain;
  switch (plain.kind) {
    case 'create':
      return { ...plain, kind: 'client-create' };
    case 'list':
      return { kind: 'client-list' };
    case 'revoke':
      return { ...plain, kind: 'client-revoke' };
  }
}

function commandFor(
  command: string | undefined,
  name: () => string,
  noRole: () => void,
  values: { name?: string; role?: string },
): { kind: 'create'; name: string; role: Role } | { kind: 'list' } | { kind: 'revoke'; name: string } {
  switch (command) {
    case 'create': {
      const n = name();
      if (!isRole(values.role)) throw new UsageError('create needs --role admin or --role read');
      return { kind: 'create', name: n, role: values.role };
    }
    case 'list':
      noRole();
      if (values.name !== undefined) throw new UsageError('list takes no --name');
      return { kind: 'list' };
    case 'revoke':
      noRole();
      return { kind: 'revoke', name: name() };
    case undefined:
      throw new UsageError('missing command: create, list or revoke');
    default:
      throw new UsageError(`unknown command "${command}": use create, list or revoke`);
  }
}

async function run(command: Command, dataDir: string): Promise<void> {
  const file = tokenFilePath(dataDir);
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'create':
      // The token alone, so `TOKEN=$(npm run --silent token -- create ...)` captures exactly it
      // (--silent drops the `> script` banner npm would print on stdout first).
      console.log(await createToken(file, command.name, command.role));
      return;
    case 'revoke':
      await revokeToken(file, command.name);
      console.error(`revoked "${command.name}"`);
      return;
    case 'list': {
      const records = await readTokens(file);
      const width = Math.max(4, ...records.map((r) => r.name.length));
      console.log(`${'NAME'.padEnd(width)}  ROLE   CREATED`);
      for (const r of records) console.log(`${r.name.padEnd(width)}  ${r.role.padEnd(5)}  ${r.createdAt}`);
      return;
    }
    case 'client-create':
      // One JSON line and nothing else, for `jq` or a secrets manager to take whole.
      console.log(JSON.stringify(await createClient(clientFilePath(dataDir), command.name, command.role)));
      return;
    case 'client-revoke':
      await revokeClient(clientFilePath(dataDir), command.name);
      console.error(`revoked OAuth client "${command.name}"`);
      return;
    case 'client-list': {
      const records = await readClients(clientFilePath(dataDir));
      const width = Math.max(4, ...records.map((r) => r.name.length));
      console.log(`${'NAME'.padEnd(width)}  ROLE   CLIENT_ID               CREATED`);
      for (const r of records) console.log(`${r.name.padEnd(width)}  ${r.role.padEnd(5)}  ${r.clientId}  ${r.createdAt}`);
      return;
    }
  }
}

async function main(): Promise<number> {
  let command: Command;
  let dataDir: string;
  try {
    command = parseCommand(process.argv.slice(2));
    // Only DATA_DIR matters here; an unrelated bad setting must not lock the operator out.
    dataDir = loadConfig({ DATA_DIR: process.env.DATA_DIR }).dataDir;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`error: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  try {
    await run(command, dataDir);
    return 0;
  } catch (err) {
    if (err instanceof TokenStoreError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

// Importable for parseCommand's tests; runs only as the entrypoint.
if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
