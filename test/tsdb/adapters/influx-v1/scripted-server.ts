// A TCP (or TLS) server that answers byte for byte what a test scripts, for the v1 clients' framing and
// failure paths: each request is read up to its Content-Length, then the script says what to write back,
// whether to close (FIN) or reset (RST) the connection, or to stay silent.
import net from 'node:net';
import tls from 'node:tls';

/** What to do with one whole request; `nth` counts requests on its connection from 1. */
export type Script = (req: string, nth: number) => Reply;

export type Reply =
  /** Write these pieces, each in its own write call, then maybe end the connection. */
  | { pieces: string[]; then?: 'close' | 'reset' }
  /** End the connection without a byte of answer. */
  | 'close'
  /** Reset the connection without a byte of answer. */
  | 'reset'
  /** Never answer. */
  | 'silent';

export interface ScriptedServer {
  uri: string;
  /** Every whole request received (head and body, latin1), in order. */
  requests: string[];
  connections: () => number;
  close: () => Promise<void>;
}

export interface ServerOptions {
  /** A certificate and key to serve TLS with (an https:// uri). */
  secure?: { cert: string; key: string };
  /** Answer as soon as a request's head is in and stop reading the connection (a server refusing a body early). */
  onHead?: boolean;
}

export async function scriptedServer(script: Script, o: ServerOptions = {}): Promise<ScriptedServer> {
  const secure = o.secure;
  let connections = 0;
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const onSocket = (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf = '';
    let nth = 0;
    // A server that has decided to close reads no further request on that connection (a real one discards it).
    let ended = false;
    socket.on('data', (d: Buffer) => {
      if (ended) return;
      buf += d.toString('latin1');
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (o.onHead) {
          // Reads nothing more, so the kernel's buffers fill and a large body cannot all leave the client.
          ended = true;
          socket.pause();
        } else if (buf.length < end + 4 + length) return;
        const req = buf.slice(0, o.onHead ? end + 4 : end + 4 + length);
        buf = buf.slice(req.length);
        requests.push(req);
        const reply = script(req, ++nth);
        if (reply === 'silent') return;
        const then = typeof reply === 'string' ? reply : reply.then;
        if (typeof reply === 'object') for (const piece of reply.pieces) socket.write(piece, 'latin1');
        if (then === 'close') socket.end();
        else if (then === 'reset') socket.resetAndDestroy();
        if (then !== undefined) {
          ended = true;
          return;
        }
      }
    });
  };
  const server = secure ? tls.createServer(secure, onSocket) : net.createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    uri: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
