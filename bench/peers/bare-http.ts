// The ceiling peer: a bare node:http server answering every request with a fixed body of a given size,
// shaped like an exposition. Run as a child: node bench/peers/bare-http.ts <port> <bytes>
import http from 'node:http';

const port = Number(process.argv[2]);
const bytes = Number(process.argv[3] ?? 4096);
const line = '# filler line of a fixed-size exposition body\n';
const body = Buffer.from(line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));

http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': body.length });
    res.end(body);
  })
  .listen(port, '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
