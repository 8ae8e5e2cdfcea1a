// No Authorization header: the broker must refuse before any MCP processing (401 + WWW-Authenticate).
// With a wrong key instead when run as: node no-key.mjs wrong
import { connect, emit, run } from './lib.mjs';

await run(async () => {
  const exchanges = [];
  const key = process.argv[2] === 'wrong' ? 'al_not-a-key-of-this-broker' : null;
  try {
    const client = await connect({ key, exchanges });
    emit({ step: 'connected' });
    await client.close();
  } catch (e) {
    emit({ step: 'refused', name: e?.name, code: e?.code ?? null, message: String(e?.message ?? e) });
  }
  emit({ step: 'exchanges', exchanges });
});
