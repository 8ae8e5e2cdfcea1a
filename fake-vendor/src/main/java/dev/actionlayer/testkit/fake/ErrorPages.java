package dev.actionlayer.testkit.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * HTML error pages shaped like the ones real vendors and their front ends send (see the vendor
 * fact sheet, section 5), so clients are tested against markup, not against tidy JSON.
 */
final class ErrorPages {

  static final String HTML_UTF8 = "text/html;charset=UTF-8";

  private ErrorPages() {}

  /** The page for {@code status}: Jira's "Oops" page for 429, a Google front-end page for 5xx. */
  static String forStatus(int status) {
    if (status == 429) {
      return jiraOops429();
    }
    if (status >= 500) {
      return googleFrontEnd(status);
    }
    return nginx(status);
  }

  /** Jira Cloud's HTML 429 ("Oops - an error has occurred ... error429 ... Something went wrong"). */
  static String jiraOops429() {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">"
        + "<title>Oops - an error has occurred</title>"
        + "<link type='text/css' rel='stylesheet' href='/static-assets/metal-all.css' media='all'>"
        + "<script src='/static-assets/metal-all.js'></script>"
        + "<meta name=\"decorator\" content=\"none\" /></head>"
        + "<body class=\" error-page error429\">"
        + "<script type=\"text/javascript\">document.body.className += \" js-enabled\";</script>"
        + "<div id=\"page\"><header id=\"header\" role=\"banner\"></header><!-- #header -->"
        + "<section id=\"content\" role=\"main\"><div class=\"aui-page-panel\">"
        + "<div class=\"aui-page-panel-inner\"><section class=\"aui-page-panel-content lowerContent\">"
        + "<div id=\"error-state\"><span class=\"error-type\"></span><h1>Something went wrong</h1>"
        + "<p>Try reloading the page, then check our <a href=\"https://status.atlassian.com\">"
        + "Statuspage</a> for any current outages. If there are no outages, contact support.</p>"
        + "</div></section></div></div></section><footer id=\"footer\" role=\"contentinfo\">"
        + "</footer></div></body></html>";
  }

  /** A Google front-end style 5xx ("Error 502 (Server Error)!!1 ... That's an error."). */
  static String googleFrontEnd(int status) {
    String title = status == 503 ? "Service Unavailable" : "Server Error";
    return "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
        + "  <meta name=viewport content=\"initial-scale=1, minimum-scale=1, width=device-width\">\n"
        + "  <title>Error " + status + " (" + title + ")!!1</title>\n"
        + "  <style>\n    *{margin:0;padding:0}html,code{font:15px/22px arial,sans-serif}"
        + "html{background:#fff;color:#222;padding:15px}body{margin:7% auto 0;max-width:390px;"
        + "min-height:180px;padding:30px 0 15px}p{margin:11px 0 22px;overflow:hidden}"
        + "ins{color:#777;text-decoration:none}\n  </style>\n"
        + "  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n"
        + "  <p><b>" + status + ".</b> <ins>That\u2019s an error.</ins>\n"
        + "  <p>The server encountered a temporary error and could not complete your request."
        + "<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n";
  }

  /** A bare reverse-proxy page, for statuses without a vendor-specific page. */
  static String nginx(int status) {
    String line = status + " " + StatusLines.reason(status);
    return "<html>\r\n<head><title>" + line + "</title></head>\r\n<body>\r\n<center><h1>" + line
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  /** An HTML page of exactly {@code bytes} bytes, streamed so a 12 MiB page costs no heap. */
  static MockResponseBody padded(int status, int bytes) {
    byte[] head = ("<!DOCTYPE html><html><head><title>Error " + status + " ("
        + StatusLines.reason(status) + ")</title><style>").getBytes(StandardCharsets.UTF_8);
    byte[] tail = "</style></head><body><p>That's an error.</p></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    byte[] filler = ".e{margin:0;padding:0;font:15px/22px arial,sans-serif;color:#222}\n"
        .getBytes(StandardCharsets.UTF_8);
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return bytes;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        long remaining = bytes;
        remaining -= write(sink, head, remaining);
        long fill = Math.max(0, remaining - tail.length);
        remaining -= fill;
        while (fill > 0) {
          fill -= write(sink, filler, fill);
        }
        write(sink, tail, remaining);
      }
    };
  }

  private static int write(BufferedSink sink, byte[] bytes, long limit) throws IOException {
    int count = (int) Math.min(bytes.length, limit);
    sink.write(bytes, 0, count);
    return count;
  }
}
