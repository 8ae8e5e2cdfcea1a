package dev.actionlayer.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.junit.platform.testkit.engine.Events;

/** The kit proves it can fail: each broken connector is caught by the rule named for its defect. */
class KitCatchesBrokenConnectorsTest {

  static Events run(Class<?> verification) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(verification)).execute().testEvents();
  }

  static List<String> failedRules(Events events) {
    return events.failed().stream()
        .map(e -> ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName())
        .sorted().collect(Collectors.toList());
  }

  @Test
  void theReferenceConnectorPassesEveryRuleThatApplies() {
    Events events = run(ReferenceVerification.class);

    assertThat(failedRules(events)).isEmpty();
    assertThat(events.succeeded().count()).isGreaterThanOrEqualTo(20);
  }

  static List<Arguments> brokenConnectors() {
    return List.of(
        Arguments.of(BrokenConnectors.RetriesUnkeyedCreate.class,
            "required_retrySafety_aLostCreateResponseYieldsOneRecordOrOutcomeUnknown"),
        Arguments.of(BrokenConnectors.LeaksCredential.class,
            "required_security_theCredentialNeverAppearsInErrorsOrAudit"),
        Arguments.of(BrokenConnectors.MapsRateLimitAsInternal.class,
            "required_errors_rateLimitIsRateLimited"),
        Arguments.of(BrokenConnectors.IgnoresRetryAfter.class,
            "required_errors_rateLimitHonoursRetryAfterInSeconds"),
        Arguments.of(BrokenConnectors.FollowsDotDot.class,
            "required_security_hostileIdsNeverReachAnotherEndpointOrHeader"),
        Arguments.of(BrokenConnectors.SendsAnUndocumentedParameter.class,
            "required_roundTrip_createGetDelete"));
  }

  @ParameterizedTest(name = "{0} is caught by {1}")
  @org.junit.jupiter.params.provider.MethodSource("brokenConnectors")
  void eachBrokenConnectorIsCaughtByTheRightRule(Class<?> broken, String rule) {
    List<String> failed = failedRules(run(broken));

    assertThat(failed).as("rules that failed for %s", broken.getSimpleName()).contains(rule);
    System.out.printf("%s failed: %s%n", broken.getSimpleName(), failed);
  }


}
