// Tool errors are results, not protocol errors: isError with the catalog's error JSON.
import { connect, emit, parse, run } from './lib.mjs';

await run(async () => {
  const client = await connect();
  // No such task at the vendor: the pipeline's NOT_FOUND.
  emit({ step: 'missing', ...parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'jira', id: '99999' } })) });
  // A required argument missing: refused before anything is sent, naming the field.
  emit({ step: 'invalid', ...parse(await client.callTool({ name: 'tasks_create', arguments: { connection: 'jira', project: 'PROJ' } })) });
  // A connection not in this principal's catalog (its policy allows only jira): not in the schema's enum.
  emit({ step: 'otherConnection', ...parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'stripe', id: '1' } })) });
  // A project the policy's where-constraint does not allow: denied before anything is sent.
  emit({ step: 'denied', ...parse(await client.callTool({ name: 'tasks_create', arguments: { connection: 'jira', project: 'OPS', title: 'Not in my project' } })) });
  await client.close();
});
