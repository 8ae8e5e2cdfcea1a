package dev.actionlayer.cli;

/**
 * A problem the user fixes in the command line or a file it names (a missing file, a refused
 * configuration, an unset environment variable): reported as one line, exit code 2, nothing sent.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
