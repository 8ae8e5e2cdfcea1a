// A request carrying a browser Origin the broker does not allow (DNS rebinding defence): 403,
// even with a valid key. Usage: node foreign-origin.mjs [ORIGIN] (default https://evil.example).
import { connect, emit, run } from './lib.mjs';

await run(async () => {
  const origin = process.argv[2] ?? 'https://evil.example';
  const exchanges = [];
  try {
    const client = await connect({ headers: { Origin: origin }, exchanges });
    emit({ step: 'connected' });
    await client.close();
  } catch (e) {
    emit({ step: 'refused', name: e?.name, code: e?.code ?? null, message: String(e?.message ?? e) });
  }
  emit({ step: 'exchanges', exchanges });
});
