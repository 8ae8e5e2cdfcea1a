package dev.actionlayer.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Salesforce's XML error form, {@code <Errors><Error><errorCode>…</errorCode><message>…
 * </message><fields>…</fields></Error></Errors>}, with patterns rather than an XML parser: only
 * these flat elements matter, and no entity or DTD in a hostile body gets expanded.
 */
final class SalesforceXmlErrors {
  private static final Pattern ERROR = Pattern.compile("<Error>(.{0,20000}?)</Error>", Pattern.DOTALL);
  private static final Pattern ELEMENT =
      Pattern.compile("<(errorCode|message|fields)>([^<]{0,5000})</\\1>");

  private SalesforceXmlErrors() {}

  /**
   * The errors in {@code xml}, each as {@code errorCode}, {@code message} and {@code fields} (field
   * names joined by a line break); at most {@code max} of them.
   */
  static List<Map<String, String>> parse(String xml, int max) {
    List<Map<String, String>> errors = new ArrayList<>();
    Matcher error = ERROR.matcher(xml);
    while (error.find() && errors.size() < max) {
      Map<String, String> values = new LinkedHashMap<>();
      Matcher element = ELEMENT.matcher(error.group(1));
      while (element.find()) {
        String value = unescape(element.group(2).strip());
        values.merge(element.group(1), value, (a, b) -> a + "\n" + b);
      }
      if (values.containsKey("errorCode")) errors.add(values);
    }
    return errors;
  }

  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&amp;", "&");
  }
}
