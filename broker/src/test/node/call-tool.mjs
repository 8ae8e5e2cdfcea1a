// A successful tools/call: create a Jira task, then read it back by the id the create returned.
import { connect, emit, parse, run } from './lib.mjs';

await run(async () => {
  const client = await connect();
  const created = parse(await client.callTool({
    name: 'tasks_create',
    arguments: { connection: 'jira', project: 'PROJ', title: 'Filed from TypeScript', description: 'by the MCP SDK' },
  }));
  emit({ step: 'created', ...created });
  const read = parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'jira', id: created.json.id } }));
  emit({ step: 'read', ...read });
  await client.close();
});
