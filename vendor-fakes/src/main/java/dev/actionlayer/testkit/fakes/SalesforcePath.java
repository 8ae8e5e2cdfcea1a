package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * A request path under {@code /services/data/vXX.X/sobjects/}, split into decoded segments: the
 * API version, the sObject type and what follows it (nothing, a record id, or an external-id field
 * and value). A trailing slash is ignored, as Salesforce ignores it.
 *
 * @param version the API version segment, e.g. {@code "v63.0"}
 * @param major the version's major number, e.g. 63
 * @param type the sObject type as written in the path
 * @param rest the decoded segments after the type
 */
record SalesforcePath(String version, int major, String type, List<String> rest) {

  /** Parses {@code call}'s path; null when it is not an sObject path of a valid version. */
  static SalesforcePath parse(RecordedCall call) {
    HttpUrl url = HttpUrl.parse("http://fake.invalid" + call.pathWithoutQuery());
    if (url == null) {
      return null;
    }
    List<String> segments = new ArrayList<>(url.pathSegments());
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    if (segments.size() < 5 || !segments.get(0).equals("services") || !segments.get(1).equals("data")
        || !segments.get(3).equals("sobjects") || !segments.get(2).matches("v\\d{1,3}\\.\\d")) {
      return null;
    }
    String version = segments.get(2);
    int major = Integer.parseInt(version.substring(1, version.indexOf('.')));
    return new SalesforcePath(version, major, segments.get(4), List.copyOf(segments.subList(5, segments.size())));
  }

  /** The URL of a record, as Salesforce puts it in {@code attributes.url}. */
  String recordUrl(String typeName, String id) {
    return "/services/data/" + version + "/sobjects/" + typeName + "/" + id;
  }
}
