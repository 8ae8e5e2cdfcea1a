package dev.actionlayer.testkit.fakes;

import dev.actionlayer.testkit.fake.FakeVendor;
import okhttp3.Request;

/**
 * {@link FakeHttp} for FakeSalesforce's tests: a path without a leading slash is under the sObject
 * base, and every request carries an Authorization header.
 */
final class SalesforceHttp extends FakeHttp {

  static final String BASE = "/services/data/v63.0/sobjects/";
  private String authorization = "Bearer token-123";

  SalesforceHttp(FakeVendor fake) {
    super(fake);
  }

  /** Sends {@code value} as the Authorization header from now on; null sends none. */
  SalesforceHttp authorization(String value) {
    this.authorization = value;
    return this;
  }

  @Override
  Request.Builder request(String path) {
    Request.Builder b = super.request(path.startsWith("/") ? path : BASE + path);
    return authorization == null ? b : b.header("Authorization", authorization);
  }
}
