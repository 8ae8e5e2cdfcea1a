// A delete that the policy makes wait for a person: the broker asks through MCP elicitation.
// Usage: node elicitation.mjs approve|decline|no
//   approve: accept with {approve: true}; decline: the user declines; no: accept with {approve: false}.
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { connect, emit, parse, run } from './lib.mjs';

const answer = process.argv[2];
if (!['approve', 'decline', 'no'].includes(answer)) {
  emit({ step: 'unexpected', message: 'usage: elicitation.mjs approve|decline|no' });
  process.exit(1);
}

await run(async () => {
  const client = await connect({ capabilities: { elicitation: {} } });
  const asked = [];
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    const { message, requestedSchema } = request.params;
    asked.push({ message, properties: Object.keys(requestedSchema?.properties ?? {}), required: requestedSchema?.required ?? [] });
    if (answer === 'approve') return { action: 'accept', content: { approve: true } };
    if (answer === 'no') return { action: 'accept', content: { approve: false } };
    return { action: 'decline' };
  });
  const created = parse(await client.callTool({
    name: 'tasks_create', arguments: { connection: 'jira', project: 'PROJ', title: `Delete me, maybe (${answer} ${process.pid})` },
  }));
  emit({ step: 'created', ...created });
  const deleted = parse(await client.callTool({ name: 'tasks_delete', arguments: { connection: 'jira', id: created.json.id } }));
  emit({ step: 'elicited', requests: asked });
  emit({ step: 'deleted', ...deleted });
  const after = parse(await client.callTool({ name: 'tasks_get', arguments: { connection: 'jira', id: created.json.id } }));
  emit({ step: 'after', ...after });
  await client.close();
});
