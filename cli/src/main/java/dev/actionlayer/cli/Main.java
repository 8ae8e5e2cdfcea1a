package dev.actionlayer.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The runnable jar's top command, {@code actionlayer}: {@code demo}, {@code call}, {@code audit},
 * {@code mcp}, {@code serve} (the broker), {@code keys} and {@code approvals} are its subcommands. Exit codes: 0 done, 1 the action failed, 2 a usage problem
 * (bad arguments, a refused configuration file, an unset environment variable).
 *
 * <p>A new subcommand is one class: a picocli {@code @Command} implementing
 * {@code Callable<Integer>}, named in {@code subcommands} below. It prints to
 * {@code spec.commandLine().getOut()}, throws {@link UsageException} for what the user must fix,
 * and, when it needs environment variables, takes an {@link Environment} in its constructor (the
 * factory passes the one {@link #commandLine} was given, so tests inject theirs).
 */
@Command(name = "actionlayer", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Reliable hands for AI agents: canonical operations carried to vendors through one"
        + " resilience pipeline, sagas that undo what a failed workflow did, and an audit of every call.",
    subcommands = {DemoCommand.class, CallCommand.class, AuditCommand.class, McpCommand.class,
        ServeCommand.class, KeysCommand.class, ApprovalsCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the action failed", "2:usage problem (arguments, configuration, environment)"},
    footer = {"", "'actionlayer help COMMAND' describes a command; start with 'actionlayer demo'."})
public final class Main implements Runnable {
  @Spec
  private CommandSpec spec;

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine(Environment.system()).execute(args));
  }

  /**
   * The command line with every subcommand, whose commands see {@code environment}; print streams
   * are picocli's defaults ({@code setOut}/{@code setErr} to capture them).
   */
  public static CommandLine commandLine(Environment environment) {
    Objects.requireNonNull(environment, "environment == null");
    CommandLine cl = new CommandLine(new Main(), new Factory(environment));
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      if (e instanceof UsageException) {
        err.println("actionlayer " + line.getCommandName() + ": " + e.getMessage());
        return CommandLine.ExitCode.USAGE;
      }
      // A defect rather than the user's doing: one line, with the type, instead of a stack trace.
      err.println("actionlayer " + line.getCommandName() + " failed: " + e);
      return CommandLine.ExitCode.SOFTWARE;
    });
    return cl;
  }

  /** {@code actionlayer} alone names no command: that is a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: demo, call, audit, mcp, serve, keys or approvals");
  }

  /**
   * How the reader runs this jar, for hints printed to them: {@code java -jar <path>} relative to
   * the working directory when it lies below it.
   */
  static String invocation() {
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.getFileName() != null && jar.getFileName().toString().endsWith(".jar")) {
        Path cwd = Path.of("").toAbsolutePath();
        return "java -jar " + (jar.startsWith(cwd) ? cwd.relativize(jar) : jar);
      }
    } catch (URISyntaxException | RuntimeException e) {
      // No code source (or an odd one): the generic hint below is still right.
    }
    return "java -jar actionlayer.jar";
  }

  /** Creates commands, passing the {@link Environment} to those whose constructor takes one. */
  private static final class Factory implements CommandLine.IFactory {
    private final Environment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Environment environment) {
      this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      Constructor<K> withEnvironment;
      try {
        withEnvironment = type.getDeclaredConstructor(Environment.class);
      } catch (NoSuchMethodException e) {
        return fallback.create(type);
      }
      withEnvironment.setAccessible(true);
      return withEnvironment.newInstance(environment);
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"actionlayer " + (v == null ? "(development build)" : v)};
    }
  }
}
