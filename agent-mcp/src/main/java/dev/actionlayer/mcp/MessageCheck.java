package dev.actionlayer.mcp;

import static dev.actionlayer.mcp.ActionlayerMcpServer.MAX_LINE_BYTES;
import static dev.actionlayer.mcp.ActionlayerMcpServer.MAX_NESTING_DEPTH;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what becomes of one line from the client before the SDK sees it: messages that are
 * well-formed JSON-RPC within the server's limits go on; everything else gets the error the
 * JSON-RPC specification names ({@code -32700} not JSON, {@code -32600} not a valid request,
 * {@code -32602} invalid params) or, for a malformed notification, which may not be answered,
 * is dropped with a reason. The SDK's own reading ends the session on such lines, and its
 * tools/call handling answers bad arguments with library class names: hence the check here.
 *
 * <p>Thread-safe: it holds only immutable configuration.
 */
final class MessageCheck {
  /**
   * How deep Jackson builds a tree at all. Deeper than {@link ActionlayerMcpServer#MAX_NESTING_DEPTH}
   * but bounded, so that a message a little too deep is answered with its own id, while a line of
   * a million brackets costs no more than this many parser contexts.
   */
  static final int PARSE_DEPTH_CEILING = 10_000;
  /** JSON values (tokens) one line may hold: bounds the tree built from a line at the cap. */
  static final long MAX_TOKENS = 100_000;
  /** Messages one batch may hold: each request in it is running until the batch is answered. */
  static final int MAX_BATCH = 100;
  /** How much of a client-chosen name an error message repeats. */
  private static final int ECHO = 100;

  /** What becomes of one message. */
  sealed interface Outcome {}

  /** Hand to the SDK; {@code id} is the request's, null for a notification or a response. */
  record Dispatch(ObjectNode message, JsonNode id) implements Outcome {}

  /** Write this error response instead. */
  record Answer(ObjectNode response) implements Outcome {}

  /** Neither pass on nor answer (a notification or response that is malformed): log why. */
  record Drop(String reason) implements Outcome {}

  /** What one line held: nothing (blank), one message, or a batch (JSON array) of them. */
  record Line(boolean batch, List<Outcome> outcomes) {
    static final Line BLANK = new Line(false, List.of());

    static Line single(Outcome outcome) {
      return new Line(false, List.of(outcome));
    }
  }

  private final Set<String> toolNames;
  private final JsonMapper mapper;
  /** For a line Jackson would not build a tree of: finds its id, skipping what it cannot read. */
  private final JsonFactory skimmer;

  MessageCheck(Set<String> toolNames) {
    this.toolNames = Set.copyOf(toolNames);
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(PARSE_DEPTH_CEILING).maxTokenCount(MAX_TOKENS).build();
    this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build()).build();
    this.skimmer = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PARSE_DEPTH_CEILING).build())
        .build();
  }

  /** The message as the text the SDK reads. */
  String write(JsonNode message) {
    return mapper.writeValueAsString(message);
  }

  /** Checks one line: its first {@code length} bytes, which are all of it unless truncated. */
  Line check(byte[] bytes, int length, boolean truncated) {
    if (truncated) {
      return Line.single(new Answer(error(skimId(bytes, length), -32600, "Invalid request: the line is longer"
          + " than " + MAX_LINE_BYTES + " bytes, this server's limit; it was not read")));
    }
    if (blank(bytes, length)) return Line.BLANK;
    JsonNode root;
    try (JsonParser parser = mapper.createParser(bytes, 0, length)) {
      try {
        root = mapper.readTree(parser);
        if (parser.nextToken() != null) return Line.single(parseError(parser.currentLocation()));
      } catch (StreamConstraintsException e) {
        return Line.single(beyondLimits(parser, bytes, length));
      }
    } catch (JacksonException e) {
      return Line.single(parseError(e.getLocation()));
    }
    if (!root.isArray()) return Line.single(message(root, false));
    if (root.isEmpty()) return Line.single(new Answer(error(null, -32600, "Invalid request: an empty batch")));
    if (root.size() > MAX_BATCH) {
      return Line.single(new Answer(error(null, -32600,
          "Invalid request: a batch may hold at most " + MAX_BATCH + " messages")));
    }
    List<Outcome> outcomes = new ArrayList<>(root.size());
    for (JsonNode element : root) outcomes.add(message(element, true));
    return new Line(true, outcomes);
  }

  private Outcome message(JsonNode node, boolean inBatch) {
    if (!node.isObject()) {
      return new Answer(error(null, -32600, "Invalid request: a JSON-RPC message is an object with"
          + " \"jsonrpc\":\"2.0\" and a method (or, for a response, a result or an error)"));
    }
    ObjectNode message = (ObjectNode) node;
    JsonNode id = message.get("id");
    // An id the response could not repeat is no id: the answer carries null, as for a parse error.
    if (id != null && !validId(id)) {
      return new Answer(error(null, -32600, "Invalid request: id must be a string or an integer of at most"
          + " 64 bits"));
    }
    JsonNode version = message.get("jsonrpc");
    if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
      return new Answer(error(id, -32600, "Invalid request: \"jsonrpc\" must be \"2.0\""));
    }
    JsonNode method = message.get("method");
    if (method == null) {
      if (!message.has("result") && !message.has("error")) {
        return new Answer(error(id, -32600, "Invalid request: a message needs a method"
            + " (or, for a response, a result or an error)"));
      }
      return id == null ? new Drop("a response without an id") : new Dispatch(message, null);
    }
    if (!method.isString()) return new Answer(error(id, -32600, "Invalid request: method must be a string"));
    JsonNode params = message.get("params");
    if (params != null && params.isNull()) {
      message.remove("params");
      params = null;
    }
    if (params != null && !params.isContainer()) {
      return new Answer(error(id, -32600, "Invalid request: params must be an object"));
    }
    String name = method.stringValue();
    String problem = paramsProblem(name, params, message, inBatch);
    if (problem == null) return new Dispatch(message, id);
    if (id == null) return new Drop("notification " + echo(name) + ": " + problem);
    int code = problem.startsWith("Invalid request") ? -32600 : -32602;
    return new Answer(error(id, code, problem));
  }

  /** Null when the request may go on; else the error's message, which also tells its code. */
  private String paramsProblem(String method, JsonNode params, ObjectNode message, boolean inBatch) {
    if (depth(message) > MAX_NESTING_DEPTH) {
      if (params == null || 1 + depth(params) <= MAX_NESTING_DEPTH) {
        return "Invalid request: the message is nested too deep (limit " + MAX_NESTING_DEPTH + " levels)";
      }
      JsonNode arguments = "tools/call".equals(method) && params.isObject() ? params.get("arguments") : null;
      return tooDeep(arguments != null && 2 + depth(arguments) > MAX_NESTING_DEPTH);
    }
    if (params != null && params.isArray()) return "Invalid params: " + echo(method) + " takes an object, not an array";
    JsonNode meta = params == null ? null : params.get("_meta");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      return "Invalid params: params._meta must be a JSON object, not " + kind(meta);
    }
    if (inBatch && "initialize".equals(method)) {
      return "Invalid request: initialize must be sent alone, not in a batch";
    }
    if (!"tools/call".equals(method)) return null;
    JsonNode tool = params == null ? null : params.get("name");
    if (tool == null || !tool.isString()) {
      return "Invalid params: tools/call needs params {\"name\": the tool's name, \"arguments\": {...}};"
          + " tools/list names the tools";
    }
    if (!toolNames.contains(tool.stringValue())) {
      return "Invalid params: unknown tool " + echo(tool.stringValue()) + "; tools/list names the tools this"
          + " server offers";
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return "Invalid params: tools/call arguments must be a JSON object of the tool's parameters, not "
          + kind(arguments);
    }
    return null;
  }

  /** MCP's ids: strings and integers; the SDK takes integers only as far as a long goes. */
  private static boolean validId(JsonNode id) {
    return id.isString() || id.isIntegralNumber() && id.canConvertToLong();
  }

  private static String tooDeep(boolean arguments) {
    String what = arguments ? "the tool's arguments are" : "the params are";
    return "Invalid params: " + what + " nested too deep (limit " + MAX_NESTING_DEPTH + " levels in a message)";
  }

  /** A line Jackson stopped reading at a limit: nesting, number of values or a number's length. */
  private Outcome beyondLimits(JsonParser parser, byte[] bytes, int length) {
    JsonNode id = skimId(bytes, length);
    String method = skimMethod(bytes, length);
    if (parser.streamReadContext() != null && parser.streamReadContext().getNestingDepth() >= PARSE_DEPTH_CEILING) {
      // Only params nest in a request: for one whose id was found, they are what is too deep.
      return id != null && method != null ? new Answer(error(id, -32602, tooDeep("tools/call".equals(method))))
          : new Answer(error(id, -32600, "Invalid request: the message is nested too deep (limit "
              + MAX_NESTING_DEPTH + " levels)"));
    }
    if (parser.currentTokenCount() >= MAX_TOKENS) {
      return new Answer(error(id, -32600, "Invalid request: the line holds more than " + MAX_TOKENS
          + " JSON values, this server's limit"));
    }
    return new Answer(error(id, -32600, "Invalid request: a number or a property name is longer than"
        + " this server accepts"));
  }

  private Answer parseError(TokenStreamLocation at) {
    String where = at == null || at.getColumnNr() < 1 ? "" : " (at column " + at.getColumnNr() + ")";
    return new Answer(error(null, -32700, "Parse error: the line is not valid JSON" + where));
  }

  /** The top-level id of a line that was not read whole, if it comes before what stopped the reading. */
  private JsonNode skimId(byte[] bytes, int length) {
    Object id = skim(bytes, length, "id");
    if (id instanceof String s) return JsonNodeFactory.instance.stringNode(s);
    if (id instanceof Integer || id instanceof Long) return JsonNodeFactory.instance.numberNode(((Number) id).longValue());
    return null; // absent, or an integer beyond a long: no id the response could repeat
  }

  private String skimMethod(byte[] bytes, int length) {
    return skim(bytes, length, "method") instanceof String s ? s : null;
  }

  /** A top-level string or integer member, read without building anything of the rest. */
  private Object skim(byte[] bytes, int length, String member) {
    Object found = null;
    try (JsonParser parser = skimmer.createParser(bytes, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return null;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (member.equals(name) && value == JsonToken.VALUE_STRING) {
          found = parser.getString();
        } else if (member.equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
          found = parser.getNumberValue();
        } else {
          // A member repeated later wins when Jackson reads a line whole; here too.
          if (member.equals(name)) found = null;
          parser.skipChildren();
        }
      }
    } catch (JacksonException e) {
      // The line ends early (truncated) or breaks a limit further on: what came before stands.
    }
    return found;
  }

  /** Nesting levels of a tree (a scalar is 0, {@code {}} is 1), without recursion. */
  static int depth(JsonNode root) {
    int max = 0;
    Deque<JsonNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      int depth = depths.pop();
      if (!node.isContainer()) continue;
      max = Math.max(max, depth);
      for (JsonNode child : node.values()) {
        if (child.isContainer()) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return max;
  }

  /** An error response: {@code id} null is written as {@code "id":null}, as JSON-RPC requires. */
  ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode response = mapper.createObjectNode();
    response.put("jsonrpc", "2.0");
    if (id == null) response.putNull("id");
    else response.set("id", id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return response;
  }

  private static boolean blank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') return false;
    }
    return true;
  }

  private static String echo(String clientText) {
    String shown = clientText.length() <= ECHO ? clientText : clientText.substring(0, ECHO) + "...";
    return "\"" + shown + "\"";
  }

  private static String kind(JsonNode value) {
    if (value.isArray()) return "an array";
    if (value.isString()) return "a string";
    if (value.isNumber()) return "a number";
    return "a boolean";
  }
}
