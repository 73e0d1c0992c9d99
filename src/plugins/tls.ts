// HTTPS material for the Fastify constructor: PEM files from TLS_CERT/TLS_KEY, or (TLS=self-signed)
// a certificate generated once into DATA_DIR/tls and reused on every later start, as devices do.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Config } from '../config.ts';
import { writeFileAtomic } from '../fs/atomic-file.ts';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, for the start-up log: users pin or compare it. */
  fingerprint: string;
  /** True when this start generated the self-signed pair. */
  generated: boolean;
}

export class TlsError extends Error {
  override name = 'TlsError';
}

const VALID_DAYS = 3650;

export function selfSignedPaths(dataDir: string): { cert: string; key: string } {
  const dir = path.join(dataDir, 'tls');
  return { cert: path.join(dir, 'self-signed.crt'), key: path.join(dir, 'self-signed.key') };
}

export async function loadTls(config: Pick<Config, 'tls' | 'dataDir'>): Promise<TlsMaterial | undefined> {
  const tls = config.tls;
  if (tls.mode === 'off') return undefined;
  if (tls.mode === 'files') {
    const cert = await readPem(tls.certFile, 'TLS_CERT');
    const key = await readPem(tls.keyFile, 'TLS_KEY');
    return { ...checkPair(cert, key, `TLS_CERT/TLS_KEY (${tls.certFile}, ${tls.keyFile})`), generated: false };
  }
  const paths = selfSignedPaths(config.dataDir);
  const existing = await readExisting(paths);
  if (existing) return { ...existing, generated: false };
  const pair = await generateSelfSigned();
  // Key first: a cert without its key is regenerated, a key without its cert as well.
  await writeFileAtomic(paths.key, pair.key, { mode: 0o600 });
  await writeFileAtomic(paths.cert, pair.cert, { mode: 0o644 });
  return { ...checkPair(pair.cert, pair.key, 'generated certificate'), generated: true };
}

async function readPem(file: string, variable: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new TlsError(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Parses both PEMs and checks they belong together, so a mismatch is a clear start-up error. */
function checkPair(cert: string, key: string, what: string): { cert: string; key: string; fingerprint: string } {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsError(`${what}: the certificate is not a PEM X.509 certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsError(`${what}: the key is not a PEM private key (encrypted keys are not supported)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsError(`${what}: the key does not match the certificate`);
  return { cert, key, fingerprint: x509.fingerprint256 };
}

async function readExisting(paths: { cert: string; key: string }) {
  let cert: string, key: string;
  try {
    [cert, key] = await Promise.all([readFile(paths.cert, 'utf8'), readFile(paths.key, 'utf8')]);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TlsError(`cannot read the self-signed pair under ${path.dirname(paths.cert)}: ${String(err)}`);
  }
  const pair = checkPair(cert, key, `self-signed pair under ${path.dirname(paths.cert)}`);
  // An expired certificate would be refused by every client; regenerating is what the user wants.
  return Date.parse(new X509Certificate(cert).validTo) > Date.now() ? pair : undefined;
}

async function generateSelfSigned(): Promise<{ cert: string; key: string }> {
  const host = hostname();
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000);
  // Imported here, not at the top: selfsigned and its crypto library take ~4 MB of heap (5 MB of idle
  // RSS, measured) that a server with TLS off or a stored certificate never uses.
  const { generate } = await import('selfsigned');
  const result = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: host },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: result.cert, key: result.private };
}
