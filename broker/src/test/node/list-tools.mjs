// tools/list through the SDK: the principal's tools, each with its connection enum and hints.
import { connect, emit, run } from './lib.mjs';

await run(async () => {
  const client = await connect();
  emit({ step: 'initialized', server: client.getServerVersion(), capabilities: client.getServerCapabilities() });
  const { tools } = await client.listTools();
  emit({
    step: 'tools',
    tools: tools.map((t) => ({
      name: t.name,
      connections: t.inputSchema?.properties?.connection?.enum ?? null,
      required: t.inputSchema?.required ?? [],
      readOnlyHint: t.annotations?.readOnlyHint ?? null,
      destructiveHint: t.annotations?.destructiveHint ?? null,
      hasDescription: typeof t.description === 'string' && t.description.length > 0,
    })),
  });
  await client.close();
});
