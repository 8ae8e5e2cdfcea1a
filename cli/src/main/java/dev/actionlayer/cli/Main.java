package dev.actionlayer.cli;

import java.nio.file.Path;

/**
 * The runnable jar's entry point. {@code demo [audit-file]} runs the pipeline on an embedded fake
 * Jira (the default when no command is given).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "demo" : args[0];
    if (command.equals("demo")) {
      Path audit = Path.of(args.length > 1 ? args[1] : "audit.jsonl");
      new Demo(System.out, audit).run();
    } else {
      System.err.println("usage: java -jar actionlayer.jar demo [audit.jsonl]");
      System.exit(2);
    }
  }
}
