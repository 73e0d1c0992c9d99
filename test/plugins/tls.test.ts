// HTTPS modes end to end over a real socket: TLS=self-signed generates once and reuses the same
// certificate on later starts; TLS_CERT/TLS_KEY serve the operator's files; bad files fail clearly.
import { X509Certificate } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type Config } from '../../src/config.ts';
import { testConfig } from '../../support/config.ts';
import { TlsError, loadTls, selfSignedPaths } from '../../src/plugins/tls.ts';
import { TEST_ADMIN_TOKEN, basic, tempDir } from '../../support/auth.ts';

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => ({ dir, remove } = await tempDir('tls-')));
afterAll(() => remove());

/** Starts the app on a free port, makes one verified HTTPS request with `ca`, and stops it. */
async function serveOnce(config: Config, ca: string) {
  const app = await buildApp({ ...config, adminToken: TEST_ADMIN_TOKEN, host: '127.0.0.1', port: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = app.server.address() as AddressInfo;
    return await new Promise<{ status: number; fingerprint: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/no-such-route', servername: 'localhost', ca, headers: { authorization: basic(TEST_ADMIN_TOKEN) } },
        (res) => {
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  } finally {
    await app.close();
  }
}

describe('TLS=self-signed', () => {
  it('generates a certificate once into DATA_DIR and serves it, then reuses it after a restart', async () => {
    const config = testConfig({ dataDir: path.join(dir, 'self'), tls: { mode: 'self-signed' } });
    const paths = selfSignedPaths(config.dataDir);

    const first = await loadTls(config);
    expect(first?.generated).toBe(true);
    expect((await stat(paths.key)).mode & 0o777).toBe(0o600);
    const cert = await readFile(paths.cert, 'utf8');
    const x509 = new X509Certificate(cert);
    expect(x509.subjectAltName).toMatch(/DNS:localhost/);
    expect(x509.subjectAltName).toMatch(/IP Address:127\.0\.0\.1/);

    const served = await serveOnce(config, cert);
    expect(served.status).toBe(404);
    expect(served.fingerprint).toBe(x509.fingerprint256);

    const again = await serveOnce(config, cert);
    expect(again.fingerprint).toBe(x509.fingerprint256);
    expect(await readFile(paths.cert, 'utf8')).toBe(cert);
    expect((await loadTls(config))?.generated).toBe(false);
  });
});

describe('TLS_CERT/TLS_KEY', () => {
  let certFile: string;
  let keyFile: string;
  let cert: string;
  beforeAll(async () => {
    const pair = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
    });
    cert = pair.cert;
    certFile = path.join(dir, 'op.crt');
    keyFile = path.join(dir, 'op.key');
    await writeFile(certFile, pair.cert);
    await writeFile(keyFile, pair.private);
  });

  it('serves the operator files', async () => {
    const config = testConfig({ dataDir: path.join(dir, 'files'), tls: { mode: 'files', certFile, keyFile } });
    const served = await serveOnce(config, cert);
    expect(served.status).toBe(404);
    expect(served.fingerprint).toBe(new X509Certificate(cert).fingerprint256);
  });

  it('names the variable when a file is missing', async () => {
    const config = { dataDir: dir, tls: { mode: 'files' as const, certFile: path.join(dir, 'nope.crt'), keyFile } };
    await expect(loadTls(config)).rejects.toThrow(TlsError);
    await expect(loadTls(config)).rejects.toThrow(/^TLS_CERT: cannot read .*nope\.crt \(ENOENT\)$/);
  });

  it('refuses a key that does not belong to the certificate, or a file that is not PEM', async () => {
    const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'ec' });
    const otherKey = path.join(dir, 'other.key');
    await writeFile(otherKey, other.private);
    await expect(loadTls({ dataDir: dir, tls: { mode: 'files', certFile, keyFile: otherKey } })).rejects.toThrow(
      /key does not match the certificate/,
    );
    await expect(loadTls({ dataDir: dir, tls: { mode: 'files', certFile: keyFile, keyFile } })).rejects.toThrow(
      /not a PEM X\.509 certificate/,
    );
  });
});
