package dev.actionlayer.testkit.fakes;

/** The Google front end's HTML pages, which Drive clients get instead of JSON at times. */
final class DrivePages {
  private static final String STYLE = "    *{margin:0;padding:0}html,code{font:15px/22px arial,sans-serif}"
      + "html{background:#fff;color:#222;padding:15px}body{margin:7% auto 0;max-width:390px;"
      + "min-height:180px;padding:30px 0 15px}* > body{background:url(//www.google.com/images/errors/robot.png)"
      + " 100% 5px no-repeat;padding-right:205px}p{margin:11px 0 22px;overflow:hidden}"
      + "ins{color:#777;text-decoration:none}a img{border:0}@media screen and (max-width:772px)"
      + "{body{background:none;margin-top:0;max-width:none;padding-right:0}}"
      + "#logo{background:url(//www.google.com/images/errors/logo_sm_2.png) no-repeat}"
      + "@media only screen and (min-resolution:192dpi){#logo{background:url(//www.google.com/images/errors/logo_sm_2_hr.png)"
      + " no-repeat 0% 0%/100% 100%;-moz-border-image:url(//www.google.com/images/errors/logo_sm_2_hr.png) 0}}"
      + "@media only screen and (-webkit-min-device-pixel-ratio:2){#logo{background:url(//www.google.com/images/errors/logo_sm_2_hr.png)"
      + " no-repeat;-webkit-background-size:100% 100%}}#logo{display:inline-block;height:55px;width:150px}\n";

  /**
   * The Google front end's 502 page, verbatim from a captured client fixture (fact sheet section
   * 5; index id 32805109651).
   */
  static final String BAD_GATEWAY_502 = page("502 (Server Error)",
      "  <p><b>502.</b> <ins>That\u2019s an error.</ins>\n"
      + "  <p>The server encountered a temporary error and could not complete your request."
      + "<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>");

  private DrivePages() {}

  /** The front end's 404 page for a path no Google API serves. */
  static String notFound(String path) {
    String safe = path.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return page("404 (Not Found)", "  <p><b>404.</b> <ins>That\u2019s an error.</ins>\n"
        + "  <p>The requested URL <code>" + safe + "</code> was not found on this server."
        + "  <ins>That\u2019s all we know.</ins>");
  }

  private static String page(String title, String paragraphs) {
    return "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
        + "  <meta name=viewport content=\"initial-scale=1, minimum-scale=1, width=device-width\">\n"
        + "  <title>Error " + title + "!!1</title>\n  <style>\n" + STYLE + "  </style>\n"
        + "  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n"
        + paragraphs;
  }
}
