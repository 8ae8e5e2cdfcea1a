package dev.actionlayer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line as {@code java -jar actionlayer.jar} would, capturing both streams. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    return run(Map.of(), args);
  }

  static Cli run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new Environment(environment));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Cli(code, out.toString(), err.toString());
  }
}
