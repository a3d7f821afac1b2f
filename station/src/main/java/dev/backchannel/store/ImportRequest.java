package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.canonical.CanonicalText;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A historical cable to import as printed.
 *
 * @param cable the cable, with its printed designator
 * @param canonical the cable's canonical text: {@code CanonicalText.render(cable)}, which the
 *     caller has at hand when it read the cable from edition text
 * @param document the edition's document number
 * @param editionText the edition text it was read from, kept byte for byte
 * @param source where it came from, e.g. the file name, for reports
 */
public record ImportRequest(
    Cable cable, String canonical, OptionalInt document, String editionText, String source) {
  public ImportRequest {
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(editionText, "editionText");
    Objects.requireNonNull(source, "source");
  }

  /** A request whose canonical text is rendered here. */
  public static ImportRequest of(
      Cable cable, OptionalInt document, String editionText, String source) {
    return new ImportRequest(cable, CanonicalText.render(cable), document, editionText, source);
  }
}
