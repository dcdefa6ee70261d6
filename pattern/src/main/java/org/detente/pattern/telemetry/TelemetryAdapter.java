package org.detente.pattern.telemetry;

import java.util.function.Consumer;
import org.detente.pattern.Observation;

/**
 * Maps telemetry records, one line each, to {@link Observation}s that a pattern or the compiled
 * matcher can be run against. An adapter does no I/O: the caller reads lines and hands over their
 * bytes, so the same adapter serves files, sockets or message queues.
 *
 * <p>Each observation stands for one {@code observed-data} object with {@code number_observed} 1,
 * {@code first_observed} the record's timestamp and {@code last_observed} that plus its duration
 * when the record has one; its SCOs carry the identifiers of {@link org.detente.stix.ScoIds}, so
 * the same address or file seen twice is the same object. Its identifier is a UUIDv5 over the
 * source name and the line number, so that reading the same input again gives the same identifiers.
 * The Zeek and Suricata adapters give {@link Observation#deferred deferred} observations: their SCO
 * objects and identifiers are made when first asked for, not for every record.
 *
 * <p>Cost is bounded: a record over {@link #MAX_RECORD_BYTES} or nested deeper than {@link
 * #MAX_DEPTH} is rejected before any work. Adapters are not thread-safe: use one per thread.
 */
public sealed interface TelemetryAdapter permits ZeekAdapter, SuricataAdapter, StixBundleAdapter {
  /** The longest record accepted, in bytes. */
  int MAX_RECORD_BYTES = 1 << 20;

  /** The deepest JSON nesting accepted in a record. */
  int MAX_DEPTH = 32;

  /**
   * Zeek logs written as JSON, one record a line (conn, dns, http, ssl, files, x509 and smtp; any
   * other log with {@code id.orig_h}/{@code id.resp_h} gives its addresses and network traffic).
   * The log type is taken from the record's {@code _path}, else from {@code sourceName} (the file
   * name up to its first dot: {@code conn.log}, {@code dns.2026-01-01.json}), else from the fields
   * present.
   *
   * @param sourceName names the input in observed-data identifiers and gives the log type hint
   */
  static TelemetryAdapter zeek(String sourceName) {
    return new ZeekAdapter(sourceName);
  }

  /**
   * Suricata EVE JSON, one event a line: {@code flow}, {@code dns}, {@code http}, {@code tls},
   * {@code fileinfo}, {@code alert}, and the app-layer objects of any other event type.
   */
  static TelemetryAdapter suricata(String sourceName) {
    return new SuricataAdapter(sourceName);
  }

  /**
   * Newline-delimited STIX: each line a bundle (or a JSON array of objects, or one observed-data
   * object) whose observed-data objects and SCOs give one observation each, as {@link
   * Observation#fromBundle(com.fasterxml.jackson.databind.JsonNode)} builds them; identifiers are
   * the objects' own.
   */
  static TelemetryAdapter stixBundles(String sourceName) {
    return new StixBundleAdapter(sourceName);
  }

  /**
   * Maps one record.
   *
   * @param record the bytes holding the record (UTF-8 JSON)
   * @param offset where the record starts
   * @param length its length in bytes, without the line break
   * @param lineNumber the 1-based line number, used in the observed-data identifier
   * @param sink receives the record's observations: none when the record has nothing observable,
   *     one for a Zeek or Suricata record, one per observed-data object of a STIX bundle
   * @throws MalformedRecordException when the record is not valid JSON, not an object, has a field
   *     of the wrong type or value, or is over a limit; nothing is passed to {@code sink} then
   */
  void read(byte[] record, int offset, int length, long lineNumber, Consumer<Observation> sink)
      throws MalformedRecordException;
}
