package dev.actionlayer.spi;

/**
 * The vendor's own report of how much of an API allowance is used (Salesforce's
 * {@code Sforce-Limit-Info: api-usage=used/limit}, Jira's {@code X-RateLimit-Remaining}). The
 * pipeline records it in the audit and slows the connection down as usage nears the limit.
 *
 * @param used requests counted against the allowance so far
 * @param limit the allowance, greater than zero
 */
public record VendorUsage(long used, long limit) {
  public VendorUsage {
    if (limit <= 0) throw new IllegalArgumentException("limit <= 0: " + limit);
    if (used < 0) throw new IllegalArgumentException("used < 0: " + used);
  }

  /** Used divided by limit (may exceed 1). */
  public double fraction() {
    return (double) used / limit;
  }

  @Override
  public String toString() {
    return used + "/" + limit;
  }
}
