package org.detente.node.service;

import java.util.List;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param read elements read from the input
 * @param added new versions stored
 * @param unchanged versions already stored with the same content
 * @param rejected elements refused (unreadable, invalid, or conflicting with a stored version)
 * @param rejections the first {@link Importer#MAX_REPORTED_REJECTIONS} rejections, in input order
 * @param complete false when malformed JSON stopped the read before the end of the input
 */
public record ImportReport(
    long read,
    long added,
    long unchanged,
    long rejected,
    List<Rejection> rejections,
    boolean complete) {
  public ImportReport {
    rejections = List.copyOf(rejections);
  }

  /**
   * One refused element.
   *
   * @param index the element's 0-based position in its input
   * @param objectId the object's id, or a placeholder naming its position
   * @param reason why it was refused: the validation errors, or the store's reason
   */
  public record Rejection(long index, String objectId, String reason) {
    public Rejection {
      Objects.requireNonNull(objectId, "objectId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The sum of two reports (for imports of several files). */
  public ImportReport plus(ImportReport other) {
    List<Rejection> all = new java.util.ArrayList<>(rejections);
    for (Rejection r : other.rejections) {
      if (all.size() >= Importer.MAX_REPORTED_REJECTIONS) {
        break;
      }
      all.add(r);
    }
    return new ImportReport(
        read + other.read,
        added + other.added,
        unchanged + other.unchanged,
        rejected + other.rejected,
        all,
        complete && other.complete);
  }

  /** A report of nothing. */
  public static ImportReport empty() {
    return new ImportReport(0, 0, 0, 0, List.of(), true);
  }
}
