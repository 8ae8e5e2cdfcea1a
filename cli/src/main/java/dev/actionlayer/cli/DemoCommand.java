package dev.actionlayer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actionlayer demo}: the onboarding story on embedded fake vendors; see {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "The onboarding story on embedded fake vendors, with and without Actionlayer.",
        "",
        "An agent onboards customers as sagas over four embedded fake vendors (Salesforce contact,"
            + " Google Drive folder, Stripe customer, Jira task): Drive goes down and the saga"
            + " compensates, Jira rate-limits and Retry-After is honoured; then the same run with"
            + " plain HTTP POSTs, and both sides' request and orphan counts side by side.",
        "No credentials, no network; takes about 10 seconds."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the story ran as told", "1:it did not (a defect: please report the output)"})
final class DemoCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--audit-file", paramLabel = "FILE", defaultValue = "audit.jsonl",
      description = "Where the audit events are appended (default: ${DEFAULT-VALUE}).")
  private Path auditFile;

  @Override
  public Integer call() throws Exception {
    UserFiles.requireAppendable(auditFile, "--audit-file");
    Demo.Report report = new Demo(spec.commandLine().getOut(), auditFile, Main.invocation() + " audit").run();
    return report.asExpected() ? 0 : 1;
  }
}
