package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A historical cable to import as printed.
 *
 * @param cable the cable, with its printed designator
 * @param document the edition's document number
 * @param editionText the edition text it was read from, kept byte for byte
 * @param source where it came from, e.g. the file name, for reports
 */
public record ImportRequest(Cable cable, OptionalInt document, String editionText, String source) {
  public ImportRequest {
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(editionText, "editionText");
    Objects.requireNonNull(source, "source");
  }
}
