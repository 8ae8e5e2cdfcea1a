package dev.actionlayer.spi;

import dev.actionlayer.Page;
import java.io.IOException;

/**
 * A {@link Resource} whose records can be listed a page at a time: implemented beside it by a
 * connector whose vendor can; a resource without it answers {@code list} with {@code UNSUPPORTED}.
 * Query values are data: send them as query parameters or in a JSON body, never spliced into a path
 * or a vendor query language unescaped.
 *
 * @param <Q> the canonical query: {@code TaskQuery}, {@code ContactQuery} or {@code FolderQuery}
 * @param <R> the canonical record
 */
public interface Listable<Q, R> {
  /**
   * The request for the page {@code query} asks for: its filters, at most {@code pageSize()}
   * records, starting at its {@code cursor()} (the vendor's own page token, offset or link, as
   * this connector's {@link #readPage} put it in {@link Page#nextCursor()}). Throw
   * {@code ActionException} with {@code UNSUPPORTED} (naming the field) for a filter the vendor
   * cannot apply, and {@code INVALID_REQUEST} for a cursor this connector did not make.
   */
  VendorRequest list(Q query, CallContext context);

  /** Reads one page from a successful list response; its cursor is null on the last page. */
  Page<R> readPage(VendorResponse response, Q query, CallContext context) throws IOException;
}
