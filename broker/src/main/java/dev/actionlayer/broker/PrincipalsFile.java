package dev.actionlayer.broker;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The principals file, parsed: a properties file with, per principal,
 * {@code <principal>.key=sha256:<64 hex>} (the SHA-256 of its key, never the key) and optionally
 * {@code <principal>.role=approver} (default {@code agent}). Every problem is reported at once,
 * naming the line and, when it has the known form, the key — never a value, which may be a key
 * pasted by mistake.
 *
 * <pre>
 * triage-bot.key=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * alice.key=sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
 * alice.role=approver
 * </pre>
 */
final class PrincipalsFile {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String LINE_FORM = "not a <principal>.key or <principal>.role line";

  /** One principal as the file describes it. */
  record Entry(Principal principal, byte[] keyHash) {}

  private PrincipalsFile() {}

  /**
   * Parses the file's bytes.
   *
   * @param source how to name the file in messages
   * @throws IllegalArgumentException listing every problem (line, key when known, what is allowed)
   */
  static List<Entry> parse(byte[] bytes, String source) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(source + " is not UTF-8 text");
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    Map<String, Boolean> approvers = new LinkedHashMap<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String lead = lines[i].stripLeading();
      if (lead.isEmpty() || lead.startsWith("#") || lead.startsWith("!")) continue;
      int number = i + 1;
      Properties p = new Properties();
      try {
        p.load(new StringReader(lines[i]));
      } catch (IOException | IllegalArgumentException e) {
        problems.add("line " + number + ": malformed \\uXXXX escape");
        continue;
      }
      if (p.isEmpty()) continue;
      String key = p.stringPropertyNames().iterator().next();
      String value = p.getProperty(key).strip();
      int dot = key.lastIndexOf('.');
      String name = dot < 0 ? "" : key.substring(0, dot);
      String setting = dot < 0 ? key : key.substring(dot + 1);
      boolean known = NAME.matcher(name).matches() && (setting.equals("key") || setting.equals("role"));
      if (!known) {
        problems.add("line " + number + ": " + LINE_FORM + " (a principal name is 1..64 letters, digits, _ or -)");
        continue;
      }
      Integer before = seen.putIfAbsent(key, number);
      if (before != null) {
        problems.add("line " + number + ": " + key + ": already set on line " + before + "; set each key once");
        continue;
      }
      if (setting.equals("key")) {
        if (!HASH.matcher(value).matches()) {
          problems.add("line " + number + ": " + key + ": must be sha256: and 64 lowercase hex digits (the hash of"
              + " the key, never the key itself; 'actionlayer keys create " + name + "' prints the line)");
        } else if (hashes.containsValue(value)) {
          problems.add("line " + number + ": " + key + ": the same key as another principal's; give each its own");
        } else {
          hashes.put(name, value);
        }
      } else if (value.equals("approver") || value.equals("agent")) {
        approvers.put(name, value.equals("approver"));
      } else {
        problems.add("line " + number + ": " + key + ": must be approver or agent");
      }
    }
    for (String name : approvers.keySet()) {
      if (!hashes.containsKey(name) && !seen.containsKey(name + ".key")) {
        problems.add("line " + seen.get(name + ".role") + ": " + name + ".role: " + name + " has no " + name + ".key");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + " refused:\n  " + String.join("\n  ", problems));
    }
    List<Entry> entries = new ArrayList<>();
    hashes.forEach((name, hash) -> entries.add(new Entry(new Principal(name, approvers.getOrDefault(name, false)),
        HexFormat.of().parseHex(hash.substring(BrokerKeys.HASH_PREFIX.length())))));
    return entries;
  }
}
