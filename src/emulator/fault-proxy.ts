// A reverse proxy on loopback in front of an HTTP TSDB source, so a TSDB fault reaches the adapter the way
// a real outage does: `down` resets connections (ECONNRESET, as a crashed server), `slow` holds every
// request back, `failing` answers 500 with InfluxDB's JSON error body. `up` forwards untouched.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type SourceFaultMode = 'up' | 'down' | 'slow' | 'failing';

// Hop-by-hop headers (RFC 9110 §7.6.1) stay on their own hop.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

export class FaultProxy {
  readonly target: URL;
  readonly #original: string;
  mode: SourceFaultMode = 'up';
  latencyMs = 0;
  readonly #server: http.Server;
  // An https:// source is reached over TLS from here (with default certificate checks); the adapter talks
  // plain HTTP to the proxy on loopback.
  readonly #agent: http.Agent;
  readonly #sockets = new Set<Socket>();

  private constructor(target: string) {
    this.#original = target;
    this.target = new URL(target);
    this.#agent = this.target.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
      if (this.mode === 'down') s.resetAndDestroy();
    });
  }

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** The target URL with its origin swapped for the proxy's (path, user and password kept). */
  get url(): string {
    const u = new URL(this.#original);
    u.protocol = 'http:';
    u.hostname = '127.0.0.1';
    u.port = String((this.#server.address() as AddressInfo).port);
    return !this.#original.endsWith('/') && u.href.endsWith('/') ? u.href.slice(0, -1) : u.href;
  }

  set(mode: SourceFaultMode, latencyMs = 0): void {
    this.mode = mode;
    this.latencyMs = latencyMs;
    // Kept-alive connections would otherwise carry on as before the fault.
    if (mode === 'down') for (const s of this.#sockets) s.resetAndDestroy();
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    this.#agent.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.mode === 'down') {
      req.socket.resetAndDestroy();
      return;
    }
    if (this.mode === 'slow' && this.latencyMs > 0) {
      req.pause();
      await new Promise((r) => setTimeout(r, this.latencyMs));
      if (req.socket.destroyed) return;
      req.resume();
    }
    if (this.mode === 'failing') {
      // Read the request to its end first, so the client sees the answer rather than a broken pipe.
      req.resume();
      req.once('end', () => {
        const body = JSON.stringify({ error: 'emulated TSDB failure (POST /__emulator/tsdb)' });
        res.writeHead(500, { 'content-type': 'application/json', 'x-influxdb-error': 'emulated TSDB failure' }).end(body);
      });
      return;
    }
    const upstream = (this.target.protocol === 'https:' ? https : http).request(
      {
        protocol: this.target.protocol,
        hostname: this.target.hostname,
        port: this.target.port,
        method: req.method,
        path: req.url,
        headers: { ...endToEnd(req.headers), host: this.target.host },
        agent: this.#agent,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, endToEnd(up.headers));
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}
