package dev.actionlayer.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * What one side of the demo did to the vendors, counted by the fake vendors themselves after the
 * three onboardings, and the table that puts both sides next to each other.
 *
 * @param onboardings onboardings attempted
 * @param completed onboardings that ended with all four records in place
 * @param driveRequestsDuringOutage requests Drive received while it was down
 * @param orphanContacts Salesforce contacts of customers whose onboarding did not complete
 * @param orphanRecords records of those customers at any of the four vendors
 * @param jiraRefused creates Jira refused with 429
 * @param jiraEarly retries Jira received before its {@code Retry-After} had passed
 * @param jiraWaitedOut retries Jira received after its {@code Retry-After} had passed
 * @param requests requests the four vendors received in all
 */
record Scoreboard(int onboardings, int completed, int driveRequestsDuringOutage, int orphanContacts,
    int orphanRecords, int jiraRefused, int jiraEarly, int jiraWaitedOut, int requests) {

  static Scoreboard count(DemoVendors v, List<DemoVendors.Customer> customers, List<Boolean> completed) {
    int done = 0;
    int contacts = 0;
    int records = 0;
    for (int i = 0; i < customers.size(); i++) {
      if (completed.get(i)) {
        done++;
      } else {
        contacts += v.contactsOf(customers.get(i));
        records += v.recordsOf(customers.get(i));
      }
    }
    RateLimitWindow jira = v.jiraLimit();
    return new Scoreboard(customers.size(), done, v.driveRequestsDuringOutage(), contacts, records,
        jira.refused(), jira.early(), jira.waitedOut(), v.requestCount());
  }

  static void print(PrintWriter out, Scoreboard with, Scoreboard without) {
    String row = "   %-52s %16s %10s%n";
    out.printf(row, "", "with Actionlayer", "without");
    out.printf(row, "onboardings completed", with.completed + " of " + with.onboardings,
        without.completed + " of " + without.onboardings);
    line(out, row, "requests sent to Drive while it was down", with.driveRequestsDuringOutage,
        without.driveRequestsDuringOutage);
    line(out, row, "Salesforce contacts left behind (orphans)", with.orphanContacts, without.orphanContacts);
    line(out, row, "records left behind at the four vendors", with.orphanRecords, without.orphanRecords);
    line(out, row, "Jira creates refused with 429", with.jiraRefused, without.jiraRefused);
    line(out, row, "Jira retries sent before Retry-After had passed", with.jiraEarly, without.jiraEarly);
    line(out, row, "Jira retries that waited as Retry-After asked", with.jiraWaitedOut, without.jiraWaitedOut);
    line(out, row, "requests received by the four vendors", with.requests, without.requests);
  }

  private static void line(PrintWriter out, String row, String what, int with, int without) {
    out.printf(row, what, with, without);
  }
}
