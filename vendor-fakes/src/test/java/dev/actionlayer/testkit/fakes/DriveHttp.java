package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;

/** {@link FakeHttp} for FakeDrive's tests, with a folder's metadata in Drive's request shape. */
final class DriveHttp extends FakeHttp {

  DriveHttp(FakeVendor fake) {
    super(fake);
  }

  static String folderBody(String id, String name, String parent) {
    return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"name\":\"" + name + "\","
        + "\"mimeType\":\"application/vnd.google-apps.folder\","
        + (parent == null ? "" : "\"parents\":[\"" + parent + "\"],")
        + "\"appProperties\":{\"actionlayerKey\":\"k-1\"}}";
  }
}
