package dev.actionlayer.salesforce;

import dev.actionlayer.spi.VendorResponse;
import dev.actionlayer.spi.VendorUsage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's API allowance as Salesforce reports it on every REST response: {@code
 * Sforce-Limit-Info: api-usage=18/15000}, possibly followed by a per-app part ({@code ;
 * per-app-api-usage=17/250(appName=...)}), which is not the org's total and is ignored.
 */
final class SalesforceLimits {
  static final String HEADER = "Sforce-Limit-Info";
  /** The org-wide figure: {@code api-usage=} not preceded by {@code per-app-}. */
  private static final Pattern API_USAGE =
      Pattern.compile("(?<![A-Za-z-])api-usage\\s*=\\s*(\\d{1,18})\\s*/\\s*(\\d{1,18})");

  private SalesforceLimits() {}

  /** The usage in {@code response}, or null when absent or unreadable; never throws. */
  static VendorUsage usage(VendorResponse response) {
    String value = response.header(HEADER);
    if (value == null || value.length() > 1024) return null;
    Matcher m = API_USAGE.matcher(value);
    if (!m.find()) return null;
    try {
      long used = Long.parseLong(m.group(1));
      long limit = Long.parseLong(m.group(2));
      return limit <= 0 ? null : new VendorUsage(used, limit);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
