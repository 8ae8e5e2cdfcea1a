package dev.actionlayer.tools;

/**
 * What a tool's operation implies, for agent frameworks and MCP clients (MCP's tool annotations):
 * a get is read-only; a delete is destructive and idempotent; a create is idempotent only when
 * every connection offering it repeats a create safely under an idempotency key.
 *
 * @param openWorld whether the tool reaches outside systems (always, here: vendors' APIs)
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {}
