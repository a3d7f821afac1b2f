package dev.backchannel.cable.canonical;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.Text;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the strict parser over decoded text. Not thread-safe; {@link CanonicalText} makes one
 * per text.
 */
final class CanonicalParser {
  private static final String NUMBER = "[1-9][0-9]{0,8}";
  private static final Pattern DESIGNATOR =
      Pattern.compile("(?:([A-Z]{1,20}) (" + NUMBER + "))?(?:/((?:[A-Z]{1,10} )?" + NUMBER + "))?");
  private static final Pattern DESIGNATOR_LIKE = Pattern.compile("(?:[A-Z]+ [0-9]|/).*");
  private static final Pattern REFERENCE =
      Pattern.compile("([A-Z]{1,20}) (" + NUMBER + ")(?: PARA (" + NUMBER + "))?(?: IN (.+))?");
  private static final Pattern NUMBERED = Pattern.compile("(" + NUMBER + ")\\. (.*)");
  private static final Pattern NUMBER_LEAD = Pattern.compile("[0-9]+\\.(?: |$)");
  private static final Pattern SUBPARAGRAPH =
      Pattern.compile("(" + Part.SubParagraph.LABEL.pattern() + ")(?: (.*))?");

  /** Header keywords in their fixed order; the designator line stands between DTG and HANDLING. */
  private static final List<String> KEYWORDS =
      List.of("FROM: ", "TO: ", "INFO: ", "PASS TO: ", "DTG: ", "HANDLING: ", "REF: ", "SUBJ: ");

  private final CaveatRegistry caveats;
  private final Limits limits;
  private final List<String> lines;
  private int at;

  CanonicalParser(CaveatRegistry caveats, Limits limits, String text) {
    this.caveats = caveats;
    this.limits = limits;
    this.lines = split(text);
  }

  /** The label alone, from lines 1 and 2: nothing else of the text is read or checked. */
  SecurityLabel labelOnly() {
    precedence();
    return label();
  }

  Cable cable() {
    checkLines();
    Precedence precedence = precedence();
    SecurityLabel label = label();
    Person from = required("FROM: ", this::person);
    Cable.Builder b = Cable.builder(precedence, label, from);
    required("TO: ", () -> persons("TO: ")).forEach(b::to);
    optional("INFO: ", () -> persons("INFO: ")).ifPresent(l -> l.forEach(b::info));
    optional("PASS TO: ", () -> persons("PASS TO: ")).ifPresent(l -> l.forEach(b::passTo));
    optional("DTG: ", this::dtg).ifPresent(b::dtg);
    designator().ifPresent(b::designator);
    while (at < lines.size() && lines.get(at).startsWith("HANDLING: ")) {
      String words = value("HANDLING: ");
      b.handling(valid(10, () -> new Handling(words)));
      at++;
    }
    optional("REF: ", this::references).ifPresent(l -> l.forEach(b::reference));
    optional("SUBJ: ", () -> valid(7, () -> Text.header("subject", value("SUBJ: "))))
        .ifPresent(b::subject);
    endOfHeader();
    body().forEach(b::paragraph);
    Cable cable = valid(1, b::build);
    if (cable.addresseeCount() > limits.maxAddressees()) {
      throw error(
          4,
          1,
          SyntaxCode.TOO_MANY_ADDRESSEES,
          "the cable has "
              + cable.addresseeCount()
              + " addressees; the limit is "
              + limits.maxAddressees());
    }
    return cable;
  }

  // ---- lines ----

  private static List<String> split(String text) {
    List<String> result = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      result.add(text.substring(start, i));
      start = i + 1;
    }
    result.add(text.substring(start));
    return result;
  }

  /** Whole-text and per-line checks, before any line is read for its meaning. */
  private void checkLines() {
    if (lines.size() == 1 && lines.get(0).isEmpty()) {
      throw new CableSyntaxException(1, 1, SyntaxCode.EMPTY, "the text is empty");
    }
    for (int i = 0; i < lines.size(); i++) {
      checkLine(i + 1, lines.get(i));
    }
    String last = lines.get(lines.size() - 1);
    if (!last.isEmpty()) {
      throw new CableSyntaxException(
          lines.size(),
          column(last, last.length()),
          SyntaxCode.MISSING_FINAL_NEWLINE,
          "the text must end with a line feed");
    }
    lines.remove(lines.size() - 1);
    if (lines.get(lines.size() - 1).isEmpty()) {
      throw new CableSyntaxException(
          lines.size(), 1, SyntaxCode.EXTRA_BLANK_LINE, "the text must not end with a blank line");
    }
  }

  private void checkLine(int number, String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\r') {
        throw new CableSyntaxException(
            number, column(line, i), SyntaxCode.CARRIAGE_RETURN, "lines end with LF alone, not CR");
      }
      if (c == '\t') {
        throw new CableSyntaxException(
            number, column(line, i), SyntaxCode.TAB, "tabs are not allowed; use spaces");
      }
      if (Text.isForbidden(c)) {
        throw new CableSyntaxException(
            number,
            column(line, i),
            SyntaxCode.CONTROL_CHARACTER,
            String.format("the character U+%04X is not allowed", (int) c));
      }
    }
    int length = line.codePointCount(0, line.length());
    if (length > limits.maxLineChars()) {
      throw new CableSyntaxException(
          number,
          limits.maxLineChars() + 1,
          SyntaxCode.LINE_TOO_LONG,
          "the line has " + length + " characters; the limit is " + limits.maxLineChars());
    }
    if (!line.isEmpty()) {
      int lastCp = line.codePointBefore(line.length());
      if (Character.isWhitespace(lastCp) || Character.isSpaceChar(lastCp)) {
        throw new CableSyntaxException(
            number, length, SyntaxCode.TRAILING_SPACE, "the line ends with a space");
      }
    }
    if (!Normalizer.isNormalized(line, Normalizer.Form.NFC)) {
      throw new CableSyntaxException(
          number,
          firstNonNfc(line),
          SyntaxCode.NOT_NFC,
          "the line is not in Unicode normalisation form C");
    }
  }

  private static int firstNonNfc(String line) {
    String nfc = Normalizer.normalize(line, Normalizer.Form.NFC);
    int i = 0;
    while (i < line.length() && i < nfc.length() && line.charAt(i) == nfc.charAt(i)) {
      i++;
    }
    return column(line, i);
  }

  // ---- header ----

  private Precedence precedence() {
    String line = lines.get(0);
    for (Precedence p : Precedence.values()) {
      if (p.words().equals(line)) {
        at = 1;
        return p;
      }
    }
    throw error(
        1,
        1,
        SyntaxCode.PRECEDENCE,
        "line 1 must be the precedence (FLASH OVERRIDE, FLASH, IMMEDIATE, PRIORITY or ROUTINE),"
            + " not "
            + Text.quote(line));
  }

  private SecurityLabel label() {
    if (at >= lines.size()) {
      throw error(at + 1, 1, SyntaxCode.LABEL, "line 2 must be the security label");
    }
    String line = lines.get(at);
    Classification classification = null;
    for (Classification c : Classification.values()) {
      if (line.equals(c.words()) || line.startsWith(c.words() + " ")) {
        classification = c;
      }
    }
    if (classification == null) {
      throw error(
          at + 1,
          1,
          SyntaxCode.LABEL,
          "line 2 must start with the classification (UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
              + " SECRET), not "
              + Text.quote(line));
    }
    int pos = classification.words().length();
    List<Caveat> found = new ArrayList<>();
    Optional<EyesOnly> eyesOnly = Optional.empty();
    while (pos < line.length()) {
      pos++; // the space that startsWith and the caveat prefix rule guarantee
      String rest = line.substring(pos);
      Optional<EyesOnly> marking = EyesOnly.fromWords(rest).filter(e -> e.words().equals(rest));
      if (marking.isPresent()) {
        eyesOnly = marking;
        break;
      }
      Optional<Caveat> caveat = caveats.prefixOf(rest);
      if (caveat.isEmpty()) {
        throw error(
            at + 1,
            column(line, pos),
            SyntaxCode.LABEL,
            "unknown caveat or eyes-only marking at "
                + Text.quote(rest)
                + "; this station knows the caveats "
                + caveats.caveats()
                + " and the markings EYES ONLY, EXCLUSIVELY EYES ONLY, LITERALLY EYES ONLY");
      }
      Caveat c = caveat.get();
      if (!found.isEmpty() && found.get(found.size() - 1).compareTo(c) >= 0) {
        throw error(
            at + 1,
            column(line, pos),
            SyntaxCode.LABEL,
            "caveats are written once each, in alphabetical order: "
                + c
                + " after "
                + found.get(found.size() - 1));
      }
      found.add(c);
      pos += c.name().length();
    }
    at++;
    return new SecurityLabel(classification, found, eyesOnly);
  }

  private <T> T required(String keyword, Supplier<T> reader) {
    if (at >= lines.size() || !lines.get(at).startsWith(keyword)) {
      String found = at < lines.size() ? Text.quote(lines.get(at)) : "the end of the text";
      throw error(
          at + 1,
          1,
          SyntaxCode.HEADER_EXPECTED,
          "expected the " + keyword.trim() + " line here, found " + found);
    }
    T value = reader.get();
    at++;
    return value;
  }

  private <T> Optional<T> optional(String keyword, Supplier<T> reader) {
    if (at < lines.size() && lines.get(at).startsWith(keyword)) {
      return Optional.of(required(keyword, reader));
    }
    return Optional.empty();
  }

  /** The value after {@code keyword} on the current line, checked to be upper case. */
  private String value(String keyword) {
    String line = lines.get(at);
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      String s = new String(Character.toChars(cp));
      if (!s.toUpperCase(Locale.ROOT).equals(s)) {
        throw error(
            at + 1,
            column(line, i),
            SyntaxCode.LOWER_CASE,
            "header values are upper case; found " + Text.quote(s));
      }
      i += Character.charCount(cp);
    }
    if (!line.toUpperCase(Locale.ROOT).equals(line)) {
      throw error(at + 1, 1, SyntaxCode.LOWER_CASE, "header values are upper case");
    }
    String value = line.substring(keyword.length());
    if (value.isEmpty()) {
      throw error(
          at + 1,
          column(line, line.length()),
          SyntaxCode.HEADER_EXPECTED,
          "the " + keyword.trim() + " line has no value");
    }
    return value;
  }

  private Person person() {
    return person(value("FROM: "), "FROM: ".length());
  }

  private Person person(String entry, int offset) {
    return valid(
        column(lines.get(at), offset),
        () -> {
          int open = entry.lastIndexOf(" (");
          if (open > 0 && entry.endsWith(")")) {
            return new Person(
                entry.substring(0, open),
                Optional.of(entry.substring(open + 2, entry.length() - 1)));
          }
          return new Person(entry, Optional.empty());
        });
  }

  private List<Person> persons(String keyword) {
    List<Person> result = new ArrayList<>();
    entries(keyword, (entry, offset) -> result.add(person(entry, offset)));
    return result;
  }

  private List<Reference> references() {
    List<Reference> result = new ArrayList<>();
    entries(
        "REF: ",
        (entry, offset) -> {
          Matcher m = REFERENCE.matcher(entry);
          if (!m.matches()) {
            throw error(
                at + 1,
                column(lines.get(at), offset),
                SyntaxCode.REFERENCE,
                "a reference is SERIES N [PARA N] [IN EXCHANGE], e.g. HAKTO 44 PARA 2; found "
                    + Text.quote(entry));
          }
          Reference r =
              valid(
                  column(lines.get(at), offset),
                  () ->
                      new Reference(
                          new Series(m.group(1)),
                          Integer.parseInt(m.group(2)),
                          m.group(3) == null
                              ? OptionalInt.empty()
                              : OptionalInt.of(Integer.parseInt(m.group(3))),
                          Optional.ofNullable(m.group(4))));
          // the same reference twice says nothing more; kept, it would be printed twice
          if (result.contains(r)) {
            throw error(
                at + 1,
                column(lines.get(at), offset),
                SyntaxCode.REFERENCE,
                "REF " + r.text() + " is given twice; name each cable or paragraph once");
          }
          result.add(r);
        });
    if (result.size() > limits.maxReferences()) {
      throw error(
          at + 1,
          1,
          SyntaxCode.TOO_MANY_REFERENCES,
          "the cable has " + result.size() + " references; the limit is " + limits.maxReferences());
    }
    return result;
  }

  private interface EntryReader {
    void read(String entry, int offset);
  }

  /** Splits the current line's value into {@code ; }-separated entries. */
  private void entries(String keyword, EntryReader reader) {
    String value = value(keyword);
    int offset = keyword.length();
    for (String entry : value.split(CanonicalRenderer.SEPARATOR, -1)) {
      if (entry.isEmpty()) {
        throw error(
            at + 1,
            column(lines.get(at), offset),
            SyntaxCode.LIST_ENTRY,
            "an entry is empty; entries are separated by \"; \"");
      }
      reader.read(entry, offset);
      offset += entry.length() + CanonicalRenderer.SEPARATOR.length();
    }
  }

  private Dtg dtg() {
    String value = value("DTG: ");
    try {
      return Dtg.parse(value);
    } catch (InvalidValueException e) {
      throw error(at + 1, 6, SyntaxCode.DTG, e.getMessage());
    }
  }

  private Optional<Designator> designator() {
    if (at >= lines.size()) {
      return Optional.empty();
    }
    String line = lines.get(at);
    if (!DESIGNATOR_LIKE.matcher(line).matches()) {
      return Optional.empty();
    }
    Matcher m = DESIGNATOR.matcher(line);
    if (!m.matches() || (m.group(1) == null && m.group(3) == null)) {
      throw error(
          at + 1,
          1,
          SyntaxCode.DESIGNATOR,
          "a designator is SERIES N, SERIES N/STATION SERIAL or /STATION SERIAL, e.g. HAKTO"
              + " 45/225 or TOHAK 84/WHS 2282; found "
              + Text.quote(line));
    }
    Designator d =
        valid(
            1,
            () -> {
              Optional<StationSerial> station =
                  Optional.ofNullable(m.group(3)).map(StationSerial::parse);
              if (m.group(1) == null) {
                return new Designator.StationOnly(station.orElseThrow());
              }
              return new Designator.Numbered(
                  new Series(m.group(1)), Integer.parseInt(m.group(2)), station);
            });
    at++;
    return Optional.of(d);
  }

  private void endOfHeader() {
    if (at >= lines.size()) {
      throw error(at + 1, 1, SyntaxCode.BODY_MISSING, "the cable has no body");
    }
    String line = lines.get(at);
    if (line.isEmpty()) {
      at++;
      if (at >= lines.size()) {
        throw error(at, 1, SyntaxCode.BODY_MISSING, "the cable has no body");
      }
      return;
    }
    for (String keyword : KEYWORDS) {
      if (line.startsWith(keyword)) {
        throw error(
            at + 1,
            1,
            SyntaxCode.HEADER_ORDER,
            "the "
                + keyword.trim()
                + " line is out of order or repeated; header lines come in the order"
                + " precedence, label, FROM, TO, INFO, PASS TO, DTG, designator, HANDLING, REF,"
                + " SUBJ");
      }
    }
    if (DESIGNATOR_LIKE.matcher(line).matches()) {
      throw error(
          at + 1,
          1,
          SyntaxCode.HEADER_ORDER,
          "the designator line is out of order or repeated; it comes after DTG and before"
              + " HANDLING");
    }
    throw error(
        at + 1,
        1,
        SyntaxCode.BLANK_LINE_EXPECTED,
        "expected a blank line between header and body, found " + Text.quote(line));
  }

  // ---- body ----

  private List<Paragraph> body() {
    List<Paragraph> paragraphs = new ArrayList<>();
    OptionalInt number = OptionalInt.empty();
    String text = null;
    int textLine = 0;
    List<Part> parts = new ArrayList<>();
    for (boolean first = true; at < lines.size(); first = false) {
      if (!first) {
        if (!lines.get(at).isEmpty()) {
          throw error(
              at + 1,
              1,
              SyntaxCode.BLANK_LINE_EXPECTED,
              "blocks are one line each, separated by one blank line");
        }
        at++;
      }
      String line = lines.get(at);
      if (line.isEmpty()) {
        throw error(
            at + 1, 1, SyntaxCode.EXTRA_BLANK_LINE, "blocks are separated by one blank line");
      }
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') {
        indent++;
      }
      if (indent == 0) {
        if (text != null) {
          paragraphs.add(paragraph(textLine, number, text, parts));
          parts = new ArrayList<>();
        }
        if (paragraphs.size() >= limits.maxParagraphs()) {
          throw error(
              at + 1,
              1,
              SyntaxCode.TOO_MANY_PARAGRAPHS,
              "more than " + limits.maxParagraphs() + " paragraphs");
        }
        textLine = at;
        Matcher numbered = NUMBERED.matcher(line);
        if (numbered.matches()) {
          number = OptionalInt.of(Integer.parseInt(numbered.group(1)));
          text = numbered.group(2);
        } else {
          number = OptionalInt.empty();
          text = plainBlock(line, 0, true);
        }
      } else if (indent == CanonicalRenderer.INDENT.length()) {
        if (text == null) {
          throw error(
              at + 1,
              1,
              SyntaxCode.INDENT,
              "the body starts with an indented block; the first block starts at column 1");
        }
        parts.add(part(line.substring(indent)));
      } else {
        throw error(
            at + 1,
            1,
            SyntaxCode.INDENT,
            "blocks are indented 0 or 3 spaces; this one is indented " + indent);
      }
      at++;
    }
    paragraphs.add(paragraph(textLine, number, text, parts));
    return paragraphs;
  }

  private Paragraph paragraph(int line, OptionalInt number, String text, List<Part> parts) {
    int saved = at;
    at = line;
    Paragraph p =
        valid(
            number.isPresent() ? String.valueOf(number.getAsInt()).length() + 3 : 1,
            () -> new Paragraph(number, text, parts));
    at = saved;
    return p;
  }

  private Part part(String content) {
    Matcher sub = SUBPARAGRAPH.matcher(content);
    if (!content.startsWith("\\") && sub.matches()) {
      if (sub.group(2) == null || sub.group(2).isEmpty()) {
        throw error(
            at + 1,
            4,
            SyntaxCode.SUBPARAGRAPH,
            "sub-paragraph " + sub.group(1) + " has no text on its line");
      }
      String label = sub.group(1);
      String text = sub.group(2);
      return valid(5 + label.length(), () -> new Part.SubParagraph(label, text));
    }
    String text = plainBlock(content, 3, false);
    return valid(4, () -> new Part.Block(text));
  }

  /**
   * The text of a block that is neither a numbered paragraph nor a sub-paragraph: either plain text
   * that cannot be mistaken for one, or a backslash followed by text that could.
   */
  private String plainBlock(String content, int indent, boolean topLevel) {
    if (content.startsWith("\\")) {
      String text = content.substring(1);
      if (!CanonicalRenderer.needsEscape(text)) {
        throw error(
            at + 1,
            indent + 1,
            SyntaxCode.NEEDLESS_ESCAPE,
            "a backslash escapes only a block that would read as a paragraph number or"
                + " sub-paragraph label, or that starts with a backslash");
      }
      return text;
    }
    if (NUMBER_LEAD.matcher(content).lookingAt()) {
      throw error(
          at + 1,
          indent + 1,
          topLevel ? SyntaxCode.PARAGRAPH_NUMBER : SyntaxCode.INDENT,
          topLevel
              ? "a paragraph number is 1 to 999999999 without leading zeros, followed by \". \""
                  + " and text; found "
                  + Text.quote(content)
              : "numbered paragraphs start at column 1; escape a block that only looks numbered"
                  + " with a backslash");
    }
    if (topLevel && CanonicalRenderer.needsEscape(content)) {
      throw error(
          at + 1,
          1,
          SyntaxCode.INDENT,
          "sub-paragraphs are indented three spaces; escape a block that only looks like one"
              + " with a backslash");
    }
    return content;
  }

  // ---- helpers ----

  /** Builds a value, turning its validation failure into an error at the current line. */
  private <T> T valid(int column, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidValueException e) {
      throw error(at + 1, column, SyntaxCode.INVALID_VALUE, e.getMessage());
    }
  }

  private static CableSyntaxException error(int line, int column, SyntaxCode code, String reason) {
    return new CableSyntaxException(line, column, code, reason);
  }

  private static int column(String line, int charIndex) {
    return line.codePointCount(0, Math.min(charIndex, line.length())) + 1;
  }
}
