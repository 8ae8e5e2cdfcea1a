// A loopback reverse proxy that adds the broker key to every request, for the MCP conformance
// suite: its server scenarios cannot send an Authorization header (no option for it in 0.1.16),
// and the broker refuses /mcp without a key. Everything else passes through unchanged, in both
// directions and streamed (SSE included): method, path, every header the client sent (Host and
// Origin too, so the suite's DNS-rebinding scenario still reaches the broker's Origin check),
// status, every response header, body. A request that already carries Authorization keeps its own.
//
// Usage: CONFORMANCE_KEY=al_... node auth-proxy.mjs LISTEN_PORT UPSTREAM_URL
// Prints "listening on http://127.0.0.1:<port>" once ready.
import http from 'node:http';

const [listenPort, upstreamUrl] = process.argv.slice(2);
const key = process.env.CONFORMANCE_KEY;
if (!listenPort || !upstreamUrl || !key) {
  console.error('usage: CONFORMANCE_KEY=al_... node auth-proxy.mjs LISTEN_PORT UPSTREAM_URL');
  process.exit(2);
}
const upstream = new URL(upstreamUrl);
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((req, res) => {
  const headers = { ...req.headers };
  if (!headers.authorization) headers.authorization = `Bearer ${key}`;
  const out = http.request({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers,
    agent,
  }, (answer) => {
    res.writeHead(answer.statusCode, answer.statusMessage, answer.rawHeaders);
    res.flushHeaders();
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  out.on('error', (e) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`auth-proxy: upstream failed: ${e.message}\n`);
    } else {
      res.destroy();
    }
  });
  // The client went away (e.g. it cancelled an SSE stream): end the upstream exchange too.
  res.on('close', () => {
    if (!res.writableFinished) out.destroy();
  });
  req.pipe(out);
});
server.keepAliveTimeout = 30_000;
server.listen(Number(listenPort), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
