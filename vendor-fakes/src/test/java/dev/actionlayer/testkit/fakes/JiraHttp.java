package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Response;

/** {@link FakeHttp} for FakeJira's tests, with a create in Jira's request shape. */
final class JiraHttp extends FakeHttp {

  JiraHttp(FakeVendor fake) {
    super(fake);
  }

  JiraHttp(FakeVendor fake, Duration callTimeout) {
    super(fake, callTimeout);
  }

  static String createBody(String summary, String... labels) {
    StringBuilder labelJson = new StringBuilder();
    for (String label : labels) {
      labelJson.append(labelJson.length() == 0 ? "" : ",").append('"').append(label).append('"');
    }
    return "{\"fields\":{\"project\":{\"key\":\"PROJ\"},\"summary\":\"" + summary + "\","
        + "\"issuetype\":{\"name\":\"Task\"},\"labels\":[" + labelJson + "]}}";
  }

  Response create(String summary, String... labels) throws IOException {
    return post("/rest/api/3/issue", createBody(summary, labels));
  }
}
