package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's connections file fuzzed ({@link ConnectionsFile#load}, then each connection's
 * connector and policy): any bytes give a file or a {@link UsageException} — never another
 * exception — and no message quotes a value. The seeds plant {@code PLANTED!} in values (and the
 * environment variables hold it too); {@code !} is no character of a connection name or a known
 * setting, which are all a message may name, so {@code PLANTED!} in a message is a value quoted.
 * A described connection's description, {@code todo.json}, lies beside the file.
 */
class ConnectionsFileFuzzTest {
  static Path dir;
  static Path file;

  @BeforeAll
  static void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("connections-fuzz");
    file = dir.resolve("connections.properties");
    try (InputStream in = ConnectionsFileFuzzTest.class.getResourceAsStream("/todoist.json")) {
      Files.write(dir.resolve("todo.json"), in.readAllBytes());
    }
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aSeedConnectionIsBuilt() throws IOException {
    Files.writeString(file, "todo.description=todo.json\ntodo.token.env=TODO_TOKEN\n");

    ConnectionsFile f = ConnectionsFile.load(file);

    assertThat(f.connector("todo", new Environment(Map.of("TODO_TOKEN", "t-123"))).vendor()).isEqualTo("todoist");
  }

  @FuzzTest
  void anyFileIsReadOrRefusedWithoutQuotingAValue(byte[] data) throws IOException {
    Files.write(file, data);
    ConnectionsFile f;
    try {
      f = ConnectionsFile.load(file);
    } catch (UsageException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("PLANTED!");
      return;
    }
    Environment env = environment(new String(data, StandardCharsets.UTF_8));
    for (String name : f.names()) {
      try {
        assertThat(f.connector(name, env)).isNotNull();
        assertThat(f.policy(name)).isNotNull();
      } catch (UsageException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("PLANTED!");
      }
    }
  }

  /** Every variable the file names ({@code *.env}) set to a value holding {@code PLANTED!}. */
  static Environment environment(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return new Environment(Map.of());
    }
    Map<String, String> variables = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith(".env")) variables.put(p.getProperty(key).strip(), "PLANTED!-secret-value-42");
    }
    return new Environment(variables);
  }
}
