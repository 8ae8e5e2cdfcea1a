package dev.actionlayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top command: its help names every subcommand, and its exit codes mean what they say. */
class MainTest {

  @Test
  void helpListsTheSubcommandsAndTheExitCodes() {
    Cli r = Cli.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("demo", "call", "audit", "Exit codes:", "2   usage problem");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli r = Cli.run();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("name a command: demo, call, audit, mcp, serve, keys or approvals").contains("Usage: actionlayer");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Cli r = Cli.run("deploy");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument").contains("deploy");
  }

  @Test
  void eachSubcommandHasItsOwnHelp() {
    assertThat(Cli.run("call", "--help").out()).contains("CONNECTION", "OPERATION", "--json", "token.env");
    assertThat(Cli.run("audit", "--help").out()).contains("FILE", "--trace");
    assertThat(Cli.run("help", "demo").out()).contains("--audit-file", "Retry-After");
  }

  @Test
  void versionIsPrinted() {
    Cli r = Cli.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("actionlayer ");
  }
}
