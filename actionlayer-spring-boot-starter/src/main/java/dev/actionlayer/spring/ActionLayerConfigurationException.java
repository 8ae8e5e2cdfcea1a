package dev.actionlayer.spring;

/**
 * An {@code actionlayer.*} setting the starter cannot build a layer from. {@link #key()} names the
 * setting; the message says what is wrong and what is allowed, and never quotes the value (it may
 * be a credential). Start-up fails with it, reported by {@link ActionLayerFailureAnalyzer}.
 */
public final class ActionLayerConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the setting, e.g. {@code actionlayer.connections.jira.vendor}
   * @param problem what is wrong and what is allowed, without the value
   */
  public ActionLayerConfigurationException(String key, String problem) {
    this(key, problem, null);
  }

  /**
   * @param key the setting
   * @param problem what is wrong and what is allowed, without the value
   * @param cause null, or a failure whose message has been checked not to quote the value
   */
  public ActionLayerConfigurationException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
    this.key = key;
  }

  /** The setting at fault, e.g. {@code actionlayer.journal.path}. */
  public String key() {
    return key;
  }
}
