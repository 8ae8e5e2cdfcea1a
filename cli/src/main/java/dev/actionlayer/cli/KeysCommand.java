package dev.actionlayer.cli;

import dev.actionlayer.broker.BrokerKeys;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code actionlayer keys}: broker keys. {@code keys create NAME} makes a new random key for
 * principal NAME and prints it once, with the line to paste into the broker's principals file
 * (which holds only the key's hash).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create broker keys for agents and approvers.",
    subcommands = {KeysCommand.Create.class})
final class KeysCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: create NAME");
  }

  /** {@code keys create NAME [--approver]}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Print a new key for principal NAME, once, and the line(s) to add to the principals file.",
          "The key is not stored anywhere: give it to the agent (as a secret), keep only the hash line."})
  static final class Create implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The principal: 1..64 letters, digits, _ or -.")
    private String name;

    @Option(names = "--approver", description = "Also print the line that makes NAME an approver.")
    private boolean approver;

    @Override
    public Integer call() {
      if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new UsageException("NAME must be 1..64 letters, digits, _ or -");
      }
      String key = BrokerKeys.generate();
      PrintWriter out = spec.commandLine().getOut();
      out.println("Key for " + name + " (shown once; give it to the agent as a secret, e.g. ACTIONLAYER_KEY):");
      out.println("  " + key);
      out.println("Add to the broker's principals file:");
      out.println("  " + name + ".key=" + BrokerKeys.hash(key));
      if (approver) out.println("  " + name + ".role=approver");
      out.flush();
      return 0;
    }
  }
}
