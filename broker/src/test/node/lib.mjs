// Shared by the scripts in this directory: each one is a small agent written with the official MCP
// TypeScript SDK (not by us), run by TypeScriptClientTest against a broker on loopback.
//
// Contract with the Java test: the broker's URL and the agent's key arrive in BROKER_URL and
// BROKER_KEY (a script that must send no key ignores BROKER_KEY); every observation is printed as
// one JSON object per line on stdout ({"step": ..., ...}); the last line is {"step":"done"}. Exit
// code 0 when the script ran to its end, 1 when something threw that it did not expect (printed
// as {"step":"unexpected", ...}). The Java side decides whether what was observed is right.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const url = new URL(requiredEnv('BROKER_URL'));

function requiredEnv(name) {
  const v = process.env[name];
  if (!v) {
    emit({ step: 'unexpected', message: `${name} is not set` });
    process.exit(1);
  }
  return v;
}

/** Prints one observation as a JSON line. */
export function emit(observation) {
  process.stdout.write(JSON.stringify(observation) + '\n');
}

/**
 * A fetch that records the status and the headers the test asserts on, for every HTTP exchange the
 * SDK makes (the SDK's errors carry the status but not the headers).
 */
export function recordingFetch(exchanges) {
  return async (input, init) => {
    const response = await fetch(input, init);
    exchanges.push({
      method: init?.method ?? 'GET',
      status: response.status,
      wwwAuthenticate: response.headers.get('www-authenticate'),
      contentType: response.headers.get('content-type'),
    });
    return response;
  };
}

/**
 * A connected SDK client. {@code key}: the bearer key to send, or null for none; {@code headers}:
 * more request headers; {@code capabilities}: the client's (e.g. {elicitation: {}}).
 */
export async function connect({ key = process.env.BROKER_KEY, headers = {}, capabilities = {}, exchanges = [] } = {}) {
  const client = new Client({ name: 'actionlayer-ts-test', version: '1.0.0' }, { capabilities });
  const all = { ...headers };
  if (key) all.Authorization = `Bearer ${key}`;
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: all },
    fetch: recordingFetch(exchanges),
  });
  await client.connect(transport);
  return client;
}

/** The text of a tool result parsed as JSON (the catalog answers JSON), with isError. */
export function parse(result) {
  const text = (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('');
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the test then sees the raw text
  }
  return { isError: result.isError === true, json, text: json === null ? text : undefined };
}

/** Runs {@code body}, printing {"step":"done"} after it, or the unexpected failure; then exits. */
export async function run(body) {
  try {
    await body();
    emit({ step: 'done' });
    process.exit(0);
  } catch (e) {
    emit({ step: 'unexpected', name: e?.name, code: e?.code, message: String(e?.message ?? e) });
    process.exit(1);
  }
}
