package dev.backchannel.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the compose page's form holds, field by field, and the canonical text it makes: one header
 * line per field, paragraphs numbered in order. Each line remembers its field, so that an error the
 * parser reports by line and column is shown next to the field it came from.
 */
public record ComposeForm(
    String exchange,
    String precedence,
    String classification,
    List<String> caveats,
    String eyesOnly,
    String from,
    String to,
    String info,
    String passTo,
    String handling,
    String references,
    String subject,
    String paragraphs) {
  /** The form's fields, in the order the page shows them. */
  static final List<String> FIELDS =
      List.of(
          "precedence",
          "classification",
          "from",
          "to",
          "info",
          "passTo",
          "handling",
          "references",
          "subject",
          "paragraphs");

  private static final Pattern AT_LINE = Pattern.compile("^(\\d+):(\\d+): (?:[A-Z_]+: )?(.*)$");

  public ComposeForm {
    Objects.requireNonNull(exchange, "exchange");
    caveats = List.copyOf(caveats);
  }

  /** An empty form for an exchange, FROM filled in. */
  static ComposeForm empty(String exchange, String from) {
    return new ComposeForm(exchange, "", "", List.of(), "", from, "", "", "", "", "", "", "");
  }

  /** The form as posted, for the exchange its path names. */
  static ComposeForm read(Context ctx, String exchange) {
    return new ComposeForm(
        exchange,
        field(ctx, "precedence"),
        field(ctx, "classification"),
        ctx.formParams("caveats").stream().map(String::strip).filter(c -> !c.isEmpty()).toList(),
        field(ctx, "eyesOnly"),
        field(ctx, "from"),
        field(ctx, "to"),
        field(ctx, "info"),
        field(ctx, "passTo"),
        lines(ctx.formParam("handling")),
        field(ctx, "references"),
        field(ctx, "subject"),
        lines(ctx.formParam("paragraphs")));
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  /** A text area's lines, with CR LF and CR read as LF. */
  private static String lines(String text) {
    return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
  }

  /** The fields a cable cannot be without, each missing one with what to do about it. */
  Map<String, String> missing() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (precedence.isEmpty()) {
      m.put("precedence", "Choose a precedence.");
    }
    if (classification.isEmpty()) {
      m.put("classification", "Choose a classification.");
    }
    if (from.isEmpty()) {
      m.put("from", "Name who the cable is from.");
    }
    if (to.isEmpty()) {
      m.put("to", "Name at least one action addressee.");
    }
    if (paragraphs.isEmpty()) {
      m.put("paragraphs", "Write at least one paragraph.");
    }
    return m;
  }

  /**
   * This form with {@code field} set aside: emptied, or for a field a cable needs, a stand-in that
   * passes, so that checking the rest can find the next field's error.
   */
  ComposeForm without(String field, String anyAddressee) {
    return new ComposeForm(
        exchange,
        field.equals("precedence") ? "ROUTINE" : precedence,
        field.equals("classification") ? "UNCLASSIFIED" : classification,
        field.equals("classification") ? List.of() : caveats,
        field.equals("classification") ? "" : eyesOnly,
        field.equals("from") ? anyAddressee : from,
        field.equals("to") ? anyAddressee : to,
        field.equals("info") ? "" : info,
        field.equals("passTo") ? "" : passTo,
        field.equals("handling") ? "" : handling,
        field.equals("references") ? "" : references,
        field.equals("subject") ? "" : subject,
        field.equals("paragraphs") ? "STAND-IN." : paragraphs);
  }

  /** The canonical text, each line's field beside it. */
  Composed compose() {
    List<String> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    add(lines, fields, precedence, "precedence");
    StringBuilder label = new StringBuilder(classification);
    caveats.stream().sorted().forEach(c -> label.append(' ').append(c));
    if (!eyesOnly.isEmpty()) {
      label.append(' ').append(eyesOnly);
    }
    add(lines, fields, label.toString(), "classification");
    add(lines, fields, "FROM: " + from, "from");
    add(lines, fields, "TO: " + to, "to");
    if (!info.isEmpty()) {
      add(lines, fields, "INFO: " + info, "info");
    }
    if (!passTo.isEmpty()) {
      add(lines, fields, "PASS TO: " + passTo, "passTo");
    }
    for (String h : handling.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      add(lines, fields, "HANDLING: " + h, "handling");
    }
    if (!references.isEmpty()) {
      add(lines, fields, "REF: " + references, "references");
    }
    if (!subject.isEmpty()) {
      add(lines, fields, "SUBJ: " + subject, "subject");
    }
    int n = 0;
    for (String block : paragraphs.split("\n\\s*\n")) {
      String text = block.strip().replaceAll("\\s*\n\\s*", " ");
      if (text.isEmpty()) {
        continue;
      }
      add(lines, fields, "", "paragraphs");
      n++;
      add(lines, fields, n + ". " + text, "paragraphs");
    }
    return new Composed(String.join("\n", lines) + "\n", fields);
  }

  private static void add(List<String> lines, List<String> fields, String line, String field) {
    lines.add(line);
    fields.add(field);
  }

  /** A composed text and the field each of its lines came from. */
  public record Composed(String text, List<String> lineFields) {
    /**
     * The field an error of the canonical parser ({@code "7:1: CODE: words"}) points at, and its
     * words; the paragraphs when it names no line of the form.
     */
    Map.Entry<String, String> locate(String message) {
      Matcher m = AT_LINE.matcher(message);
      if (!m.matches()) {
        return Map.entry("paragraphs", message);
      }
      int line = Integer.parseInt(m.group(1));
      String field =
          line >= 1 && line <= lineFields.size() ? lineFields.get(line - 1) : "paragraphs";
      return Map.entry(field, m.group(3));
    }
  }
}
