package dev.backchannel.cable.edition;

import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a printed edition says of a cable besides the cable itself (DESIGN 4.2): the document number
 * and title, the footnotes with the source note, the editors' document mappings, and every line the
 * parser could not place. The original text is kept byte for byte (it was valid UTF-8, so {@code
 * original.getBytes(UTF_8)} gives the bytes back).
 *
 * @param document the document number of the heading
 * @param title the title, without footnote marker
 * @param dateline the line saying where and when the cable was sent, when printed ({@code
 *     Washington, October 22, 1972, 0225Z.})
 * @param footnotes the footnotes in order
 * @param source the source note, when footnote 1 is one
 * @param notes the source note's other sentences ({@code Repeated to …}, {@code The original is …})
 * @param documentMappings designators the editors mapped to documents
 * @param unplacedLines lines, or parts of lines, the parser could not place, with the reason
 * @param assumptions values the cable needed and the edition did not print, with what was assumed
 * @param original the text as read
 */
public record Edition(
    int document,
    String title,
    Optional<String> dateline,
    List<Footnote> footnotes,
    Optional<SourceNote> source,
    List<String> notes,
    List<DocumentMapping> documentMappings,
    List<UnplacedLine> unplacedLines,
    List<String> assumptions,
    String original) {

  public Edition {
    if (document < 0) {
      throw new InvalidValueException("edition.document", "must not be negative: " + document);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(dateline, "dateline");
    footnotes = List.copyOf(footnotes);
    Objects.requireNonNull(source, "source");
    notes = List.copyOf(notes);
    documentMappings = List.copyOf(documentMappings);
    unplacedLines = List.copyOf(unplacedLines);
    assumptions = List.copyOf(assumptions);
    Objects.requireNonNull(original, "original");
  }

  /** Where a footnote marker stood. */
  public enum Place {
    /** In the heading. */
    HEADING,
    /** In the header lines: designator, references, handling. */
    HEADER,
    /** In the body. */
    PARAGRAPH
  }

  /**
   * The marker that links a footnote to the text.
   *
   * @param line 1-based line of the marker
   * @param column 1-based column of the marker, in code points
   * @param place the part of the document it stood in
   * @param paragraph the 1-based position of the paragraph, for {@link Place#PARAGRAPH}
   * @param designator the designator the marker was glued to, e.g. {@code Tohak 84}
   */
  public record Anchor(
      int line, int column, Place place, OptionalInt paragraph, Optional<Designated> designator) {
    public Anchor {
      Objects.requireNonNull(place, "place");
      Objects.requireNonNull(paragraph, "paragraph");
      Objects.requireNonNull(designator, "designator");
    }
  }

  /** A cable named by series and serial, e.g. {@code Tohak 84}. */
  public record Designated(Series series, int serial) {
    public Designated {
      Objects.requireNonNull(series, "series");
    }

    /** As printed: {@code Tohak 84}. */
    public String text() {
      return series.displayName() + " " + serial;
    }
  }

  /**
   * A footnote.
   *
   * @param number its number, from 1
   * @param text its text, markers of other footnotes not removed
   * @param line the 1-based line it starts on
   * @param anchor the marker linking it to the text, when one was found
   */
  public record Footnote(int number, String text, int line, Optional<Anchor> anchor) {
    public Footnote {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(anchor, "anchor");
    }
  }

  /**
   * The source note (footnote 1): where the document is kept, and its markings in their words.
   *
   * @param location archive location, e.g. {@code Library of Congress, …, Chronological File}
   * @param markings e.g. {@code [Top Secret, Flash, Exclusively Eyes Only]}
   */
  public record SourceNote(String location, List<String> markings) {
    public SourceNote {
      Objects.requireNonNull(location, "location");
      markings = List.copyOf(markings);
    }
  }

  /** The editors' statement that a designator is printed as these documents. */
  public record DocumentMapping(Designated designator, List<Integer> documents) {
    public DocumentMapping {
      Objects.requireNonNull(designator, "designator");
      documents = List.copyOf(documents);
    }
  }

  /** A line, or part of one, that could not be placed, and why. */
  public record UnplacedLine(int line, String reason) {
    public UnplacedLine {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
