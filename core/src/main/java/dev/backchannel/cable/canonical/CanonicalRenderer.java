package dev.backchannel.cable.canonical;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Reference;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Writes a cable as canonical text (DESIGN 4.1; grammar in docs/canonical-text.md). */
final class CanonicalRenderer {
  /** Separates entries on one header line. */
  static final String SEPARATOR = "; ";

  /** Indentation of a paragraph's further blocks and sub-paragraphs. */
  static final String INDENT = "   ";

  /**
   * Block text that would read as a paragraph number or a sub-paragraph label (followed by a space
   * or the end of the block), and so must be escaped with a backslash.
   */
  static final Pattern LEAD =
      Pattern.compile("(?:[0-9]+\\.|" + Part.SubParagraph.LABEL.pattern() + ")(?: |$)");

  private CanonicalRenderer() {}

  static String render(Cable c) {
    StringBuilder out = new StringBuilder(256);
    line(out, c.precedence().words());
    line(out, c.label().banner());
    line(out, "FROM: " + c.from().text());
    line(out, "TO: " + persons(c.to()));
    optionalList(out, "INFO: ", c.info(), CanonicalRenderer::persons);
    optionalList(out, "PASS TO: ", c.passTo(), CanonicalRenderer::persons);
    c.dtg().ifPresent(d -> line(out, "DTG: " + d.text()));
    c.designator().ifPresent(d -> line(out, d.text()));
    c.handling().forEach(h -> line(out, "HANDLING: " + h.words()));
    optionalList(
        out,
        "REF: ",
        c.references(),
        refs -> refs.stream().map(Reference::text).collect(Collectors.joining(SEPARATOR)));
    c.subject().ifPresent(s -> line(out, "SUBJ: " + s));
    for (Paragraph p : c.paragraphs()) {
      out.append('\n');
      line(
          out, p.number().isPresent() ? p.number().getAsInt() + ". " + p.text() : escape(p.text()));
      for (Part part : p.parts()) {
        out.append('\n').append(INDENT);
        switch (part) {
          case Part.Block b -> line(out, escape(b.text()));
          case Part.SubParagraph s -> line(out, s.label() + " " + s.text());
        }
      }
    }
    return out.toString();
  }

  /** True if block text must be escaped so that it does not read as a number or label. */
  static boolean needsEscape(String text) {
    return text.startsWith("\\") || LEAD.matcher(text).lookingAt();
  }

  private static String escape(String text) {
    return needsEscape(text) ? "\\" + text : text;
  }

  private static String persons(List<Person> persons) {
    return persons.stream().map(Person::text).collect(Collectors.joining(SEPARATOR));
  }

  private static <T> void optionalList(
      StringBuilder out, String keyword, List<T> values, Function<List<T>, String> text) {
    if (!values.isEmpty()) {
      line(out, keyword + text.apply(values));
    }
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append('\n');
  }
}
