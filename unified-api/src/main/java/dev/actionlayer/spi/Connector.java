package dev.actionlayer.spi;

import dev.actionlayer.ActionError;
import dev.actionlayer.Contact;
import dev.actionlayer.Credentials;
import dev.actionlayer.Folder;
import dev.actionlayer.NewContact;
import dev.actionlayer.NewFolder;
import dev.actionlayer.NewTask;
import dev.actionlayer.Task;
import java.net.URI;

/**
 * What a connector author implements: one vendor's wire format and nothing else. A connector
 * builds vendor requests, reads vendor responses and maps vendor errors to {@link ActionError};
 * it never retries, sleeps, logs or refreshes tokens — the pipeline does all of that, once, for
 * every connector. Implementations must be immutable and thread-safe.
 */
public interface Connector {
  /** The vendor's short lowercase name, e.g. {@code "jira"}; it appears in errors and audit. */
  String vendor();

  /** The base URI every {@link VendorRequest} path is resolved against. */
  URI baseUri();

  /** The credentials the pipeline attaches to each request. */
  Credentials credentials();

  /** The {@code tasks} operations, or null when this vendor has no tasks. */
  default Resource<NewTask, Task> tasks() {
    return null;
  }

  /** The {@code contacts} operations, or null when this vendor has no contacts. */
  default Resource<NewContact, Contact> contacts() {
    return null;
  }

  /** The {@code folders} operations, or null when this vendor has no folders. */
  default Resource<NewFolder, Folder> folders() {
    return null;
  }

  /**
   * Maps a non-2xx response to the taxonomy, by meaning. Start from {@link HttpErrors#byStatus}
   * and refine from the body: translation only. The pipeline fills in trace id, attempts,
   * operation and connection, and bounds what the vendor said, once for every connector: the
   * message and each field error on one line of at most 300 characters, at most 50 field errors,
   * a code-shaped {@code vendorCode} and a token-shaped {@code vendorRequestId} (else dropped),
   * secrets removed. Copy the vendor's words as they are; do not cap or clean them.
   *
   * <p>Called only for a status in 100..599: an answer with any other status (OkHttp reports
   * whatever three digits a server sends) is an {@code UPSTREAM_ERROR} the pipeline makes itself.
   *
   * <p>May throw: a {@code RuntimeException} (or a null result) is a connector bug, which the
   * pipeline logs and answers with the status's own meaning and a message naming the connector.
   */
  ActionError mapError(VendorResponse response);

  /**
   * The response header carrying the vendor's request id (for support and audit), or null. The
   * pipeline fills {@code vendorRequestId} from it when the mapped error has none, and keeps a
   * value only in a token's shape; a connector need not read or check it.
   */
  default String requestIdHeader() {
    return null;
  }

  /**
   * The allowance usage this response reports, or null when it reports none. Called for every
   * response; must be cheap and never throw.
   */
  default VendorUsage usage(VendorResponse response) {
    return null;
  }
}
