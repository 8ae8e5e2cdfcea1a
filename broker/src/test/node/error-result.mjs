// Tool errors are results, not protocol errors: isError with the catalog's error JSON.
import { connect, emit, parse, run } from './lib.mjs';

await run(async () => {
  const client = await connect();
  // No such task at the vendor: the pipeline's NOT_FOUND.
  emit({ step: 'missing', ...parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'jira', id: '99999' } })) });
  // A required argument missing: refused before anything is sent, naming the field.
  emit({ step: 'invalid', ...parse(await client.callTool({ name: 'tasks_create', arguments: { connection: 'jira', project: 'PROJ' } })) });
  // A connection this principal's policy does not allow for the operation.
  emit({ step: 'denied', ...parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'stripe', id: '1' } })) });
  await client.close();
});
