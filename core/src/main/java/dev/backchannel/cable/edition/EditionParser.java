package dev.backchannel.cable.edition;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
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
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.canonical.SyntaxCode;
import dev.backchannel.cable.canonical.Utf8;
import dev.backchannel.cable.edition.Edition.Anchor;
import dev.backchannel.cable.edition.Edition.Designated;
import dev.backchannel.cable.edition.Edition.DocumentMapping;
import dev.backchannel.cable.edition.Edition.Footnote;
import dev.backchannel.cable.edition.Edition.Place;
import dev.backchannel.cable.edition.Edition.SourceNote;
import dev.backchannel.cable.edition.Edition.UnplacedLine;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the edition reader over one document. Not thread-safe. */
final class EditionParser {
  private static final Pattern HEADING = Pattern.compile("([0-9]{1,6})\\.\\s+(\\S.*)");
  private static final Pattern FOOTNOTE = Pattern.compile("\\s+([0-9]{1,3})\\.\\s+(\\S.*)");
  private static final Pattern SOURCE_FOOTNOTE = Pattern.compile("\\s*(1)\\.\\s+(Source:.*)");
  private static final Pattern NUMBER_ALONE = Pattern.compile("([0-9]{1,4})\\.");
  private static final Pattern NUMBER_INLINE = Pattern.compile("([0-9]{1,4})\\.\\s+(\\S.*)");
  private static final Pattern SUBPARAGRAPH =
      Pattern.compile("(" + Part.SubParagraph.LABEL.pattern() + ")\\s+(\\S.*)");

  /** A word that may name a series; {@link #isSeries} decides. */
  private static final String SERIES_WORD = "[A-Za-z]{3,20}";

  private static final Set<String> NOT_SERIES =
      Set.of(
          "INTO",
          "ONTO",
          "UNTO",
          "TOTO",
          "TOOK",
          "TOLD",
          "TOTAL",
          "TODAY",
          "TONIGHT",
          "TOKYO",
          "TORONTO",
          "TOWARD",
          "TOWARDS",
          "TOMORROW",
          "TOGETHER",
          "TOP",
          "TOO",
          "TOWN",
          "TOUR",
          "PHOTO",
          "MOTTO",
          "GHETTO",
          "POTATO",
          "VETO",
          "TOPIC",
          "TONE",
          "TONS",
          "TOUCH");

  private static final String STATION = "(?:/\\s*(?:([A-Z]{1,10})\\s*)?([0-9]{1,9}))?";
  private static final Pattern DESIGNATOR =
      Pattern.compile("\\b(" + SERIES_WORD + ")\\s+([0-9]{1,9})\\b" + STATION);
  private static final Pattern STATION_ONLY =
      Pattern.compile("(?:([A-Z]{1,4})\\s*)?([0-9]{1,9})(?=[.\\s]|$)");

  /** A telegram number standing first, as a station serial without prefix: {@code 15184.} */
  private static final Pattern BARE_SERIAL = Pattern.compile("[0-9]{2,9}\\.(?:\\s.*)?");

  private static final Pattern SUBJECT = Pattern.compile("(?i)\\bsubj(?:ect)?\\s*:\\s*");

  /** {@code Washington, October 22, 1972, 0225Z.}: where and when the cable was sent. */
  private static final Pattern DATELINE =
      Pattern.compile(
          "([A-Z][^,0-9]{1,40}(?:, [A-Z][^,0-9]{1,30})?), (January|February|March|April|May|June"
              + "|July|August|September|October|November|December) ([0-9]{1,2}), ([0-9]{4})"
              + "(?:, ([0-9]{2})([0-9]{2})(Z| hours)?)?\\.?");

  private static final Pattern REF_KEYWORD =
      Pattern.compile("(?i)\\b(?:ref|refs|reference|references|reftel|reftels)\\s*:\\s*");
  private static final Pattern REF_ITEM =
      Pattern.compile(
          "\\G[\\s,;]*(?:(?:and|\\&)\\s+)?(?:(?:\\(([A-Za-z0-9])\\)|([A-Z])\\.)\\s*)?("
              + SERIES_WORD
              + "|[A-Z]{2,20})\\s+([0-9]{1,9})(?:\\s*/\\s*(?:[A-Z]{1,10}\\s*)?[0-9]{1,9})?"
              + "(?:,?\\s+para(?:graph)?s?\\.?\\s+([0-9]{1,4}))?");
  private static final Pattern DESIGNATOR_BEFORE_MARKER =
      Pattern.compile(
          "\\b("
              + SERIES_WORD
              + ")\\s+([0-9]{1,9})(?:/[A-Z]{0,10}\\s*[0-9]{1,9})?"
              + "(?:,?\\s+para(?:graph)?s?\\.?\\s+[0-9]{1,4})?[.,;:)\\]]?$");
  private static final Pattern PARAGRAPH_ONE =
      Pattern.compile("(?:^|(?<=[.:]\\s))1\\.\\s+(\\S.*)$");
  private static final Pattern PHRASE_BREAK =
      Pattern.compile(
          "\\.(?<!\\b(?:Col|Gen|Mr|Mrs|Ms|Dr|Amb|Lt|Maj|Capt|Adm|Sgt|St|Jr|Sr|No|Vol|Gov|Sen|Rep)\\.)"
              + "\\s+|\\s*[—–]\\s*|;\\s*");
  private static final Pattern DOCUMENTS =
      Pattern.compile(
          "\\bDocuments?\\s+([0-9]{1,6}(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)[0-9]{1,6})*)");

  /**
   * A sentence naming documents that are not the designator's own printing: of another volume, or a
   * footnote of a document ({@code See footnote 3, Document 48}), where the cable is only
   * summarised.
   */
  private static final Pattern NOT_THE_CABLE =
      Pattern.compile(
          "Foreign Relations|\\bvol\\.|\\bvolume\\b|\\bfootnote\\b", Pattern.CASE_INSENSITIVE);

  private static final List<String> CLASSIFICATION_WORDS =
      List.of("Top Secret", "Secret", "Confidential", "Unclassified", "No classification marking");

  /** Abbreviations whose full stop ends no sentence, in lower case. */
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "col", "gen", "mr", "mrs", "ms", "dr", "amb", "lt", "maj", "capt", "adm", "sgt", "st",
          "jr", "sr", "no", "vol", "gov", "sen", "rep");

  /**
   * Where a sentence ends: its full stop at {@code start}, the white space after it to {@code end}.
   */
  private record SentenceEnd(int start, int end) {}

  /** What may follow the last name in parentheses of a sender: a place, a comma. */
  private static final Pattern AFTER_NAME = Pattern.compile("(?:,?\\s+in\\s+[^,()]+)?,?");

  /**
   * How a handling instruction of the record opens; a sentence of the body that merely mentions
   * "immediately" does not.
   */
  private static final Pattern HANDLING_LEAD =
      Pattern.compile(
          "(?i)(?:(?:urgent|please|deliver|to be delivered|hand deliver|pass|call|notify"
              + "|telephone|phone|alert|inform|in sealed|sealed|by hand)\\b"
              + "|for (?:his|her|the) [0-9])");

  private static final Pattern FROM = Pattern.compile("\\bFrom\\b");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}");
  private static final Pattern PARENS = Pattern.compile("\\(([^()]+)\\)");
  private static final Pattern PLACE_AFTER =
      Pattern.compile("^,?\\s+in\\s+([^,()]+?)\\s*(?:,|$|\\s+and\\s)");
  private static final Pattern PLACE_TAIL = Pattern.compile("^(.*?),?\\s+in\\s+([^,()]+?)\\s*,?$");

  private final CaveatRegistry caveats;
  private final Memo<PhraseKind> phraseKinds;
  private final Memo<Parties> titles;
  private final Limits limits;
  private final String original;
  private final List<String> lines;

  // the body's matchers, reset for each line rather than made anew
  private final Matcher numberAlone = NUMBER_ALONE.matcher("");
  private final Matcher numberInline = NUMBER_INLINE.matcher("");
  private final Matcher subparagraph = SUBPARAGRAPH.matcher("");

  private final List<UnplacedLine> unplaced = new ArrayList<>();
  private final List<String> assumptions = new ArrayList<>();
  private final Map<Integer, Placement> placements = new HashMap<>();

  /** For a designator line that also starts paragraph 1: where paragraph 1 starts on it. */
  private final Map<Integer, Integer> paragraphOneAt = new HashMap<>();

  private final List<MarkerAt> markers = new ArrayList<>();
  private final List<Paragraph> paragraphs = new ArrayList<>();
  private final List<Handling> handling = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private final List<String> headerMarkings = new ArrayList<>();
  private Optional<Precedence> headerPrecedence = Optional.empty();
  private Optional<Designator> designator = Optional.empty();
  private Optional<String> dateline = Optional.empty();
  private Optional<Dtg> dtg = Optional.empty();
  private Optional<String> subject = Optional.empty();

  /** The sender and addressees a title names; the record repeats its titles. */
  record Parties(Person from, List<Person> to) {
    Parties {
      to = List.copyOf(to);
    }
  }

  /** Where a line of the document went. */
  private record Placement(Place place, int paragraph) {}

  /** A footnote marker found in the text. */
  private record MarkerAt(
      int number, int line, int column, int keptIndex, Optional<Designated> designator) {}

  /** A footnote being read, before its marker is known. */
  private record RawFootnote(int number, int line, StringBuilder text) {}

  EditionParser(
      CaveatRegistry caveats,
      Limits limits,
      Memo<PhraseKind> phraseKinds,
      Memo<Parties> titles,
      String original) {
    this.caveats = caveats;
    this.phraseKinds = phraseKinds;
    this.titles = titles;
    this.limits = limits;
    this.original = original;
    List<String> split = new ArrayList<>();
    for (String line : original.split("\n", -1)) {
      split.add(clean(line));
    }
    this.lines = split;
  }

  /** A line made fit for cable text: NFC, no control characters, tabs as spaces. */
  private static String clean(String line) {
    String nfc = Text.nfc(line);
    for (int i = 0; i < nfc.length(); i++) {
      if (Text.isForbidden(nfc.charAt(i))) {
        StringBuilder b = new StringBuilder(nfc.length());
        for (int j = 0; j < nfc.length(); j++) {
          char c = nfc.charAt(j);
          b.append(Text.isForbidden(c) ? ' ' : c);
        }
        return b.toString();
      }
    }
    return nfc;
  }

  EditionCable parse() {
    int heading = firstNonBlank(0);
    if (heading < 0) {
      throw new CableSyntaxException(1, 1, SyntaxCode.EDITION_HEADING, "the text is empty");
    }
    Matcher h = HEADING.matcher(strip(lines.get(heading)));
    if (!h.matches()) {
      throw new CableSyntaxException(
          heading + 1,
          1,
          SyntaxCode.EDITION_HEADING,
          "edition text starts with a numbered heading such as \"54. Backchannel Message From …\";"
              + " found "
              + Text.quote(strip(lines.get(heading))));
    }
    int footnoteStart = footnoteStart(heading);
    List<RawFootnote> rawFootnotes = footnotes(footnoteStart);
    Set<Integer> footnoteNumbers = new LinkedHashSet<>();
    rawFootnotes.forEach(f -> footnoteNumbers.add(f.number()));
    findMarkers(heading, footnoteStart, footnoteNumbers);

    int document = Integer.parseInt(h.group(1));
    String title = strip(HEADING.matcher(strip(lines.get(heading))).replaceFirst("$2"));
    placements.put(heading, new Placement(Place.HEADING, 0));
    Parties parties = titles.get(title, t -> parties(t, heading));

    int bodyStart = header(heading + 1, footnoteStart);
    body(bodyStart, footnoteStart);
    if (paragraphs.isEmpty()) {
      throw new CableSyntaxException(
          heading + 1, 1, SyntaxCode.EDITION_BODY, "no paragraph of text follows the heading");
    }

    List<Footnote> footnotes = new ArrayList<>();
    List<DocumentMapping> mappings = new ArrayList<>();
    for (RawFootnote raw : rawFootnotes) {
      String text = strip(raw.text().toString());
      Optional<Anchor> anchor = anchor(raw.number());
      footnotes.add(new Footnote(raw.number(), text, raw.line() + 1, anchor));
      anchor
          .flatMap(Anchor::designator)
          .ifPresent(
              d -> {
                List<Integer> documents = documents(text);
                if (!documents.isEmpty()) {
                  mappings.add(new DocumentMapping(d, documents));
                }
              });
    }
    Optional<SourceNote> source = Optional.empty();
    List<String> notes = new ArrayList<>();
    if (!footnotes.isEmpty() && footnotes.get(0).text().startsWith("Source:")) {
      source = Optional.of(sourceNote(footnotes.get(0).text(), notes));
    }
    Cable cable = cable(parties.from(), parties.to(), source, heading);
    Edition edition =
        new Edition(
            document,
            title,
            dateline,
            footnotes,
            source,
            notes,
            mappings,
            unplaced,
            assumptions,
            original);
    return new EditionCable(cable, edition, checkLimits(cable));
  }

  // ---- structure ----

  private int firstNonBlank(int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The line where the footnotes start: the last indented {@code 1.} (or {@code 1. Source:}) line
   * after the heading from which the footnotes run in order; the end of the text when none does.
   */
  private int footnoteStart(int heading) {
    for (int i = lines.size() - 1; i > heading; i--) {
      String line = lines.get(i);
      if (line.indexOf("1.") < 0) {
        continue;
      }
      Matcher m = FOOTNOTE.matcher(line);
      if ((m.matches() && m.group(1).equals("1")) || SOURCE_FOOTNOTE.matcher(line).matches()) {
        return i;
      }
    }
    return lines.size();
  }

  private List<RawFootnote> footnotes(int start) {
    List<RawFootnote> result = new ArrayList<>();
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Matcher m = FOOTNOTE.matcher(line);
      Matcher s = SOURCE_FOOTNOTE.matcher(line);
      int expected = result.size() + 1;
      if (m.matches() && Integer.parseInt(m.group(1)) == expected) {
        result.add(new RawFootnote(expected, i, new StringBuilder(strip(m.group(2)))));
      } else if (result.isEmpty() && s.matches()) {
        result.add(new RawFootnote(1, i, new StringBuilder(strip(s.group(2)))));
      } else if (!result.isEmpty()) {
        result.get(result.size() - 1).text().append(' ').append(strip(line));
      }
    }
    return result;
  }

  /**
   * Finds footnote markers in reading order (DESIGN 4.2): digits that are the next expected
   * footnote number, glued after a punctuation mark or closing bracket or ending a line, with a
   * footnote of that number. They are removed from the lines.
   */
  private void findMarkers(int heading, int end, Set<Integer> footnoteNumbers) {
    int expected = 1;
    for (int i = heading; i < end && footnoteNumbers.contains(expected); i++) {
      String line = lines.get(i);
      StringBuilder kept = new StringBuilder(line.length());
      int last = 0;
      int at = 0;
      while (at < line.length()) {
        char c = line.charAt(at);
        if (c < '0' || c > '9' || at == 0) {
          at++;
          continue;
        }
        int digitsEnd = at;
        while (digitsEnd < line.length()
            && line.charAt(digitsEnd) >= '0'
            && line.charAt(digitsEnd) <= '9') {
          digitsEnd++;
        }
        char before = line.charAt(at - 1);
        boolean endOfLine = isBlankFrom(line, digitsEnd);
        boolean glued = isMarkerLead(before);
        boolean lineEnd =
            endOfLine && !Character.isWhitespace(before) && !Character.isDigit(before);
        boolean followed = endOfLine || Character.isWhitespace(line.charAt(digitsEnd));
        if (digitsEnd - at <= 3
            && followed
            && (glued || lineEnd)
            && Integer.parseInt(line.substring(at, digitsEnd)) == expected
            && footnoteNumbers.contains(expected)) {
          kept.append(line, last, at);
          markers.add(
              new MarkerAt(
                  expected,
                  i,
                  line.codePointCount(0, at) + 1,
                  kept.length(),
                  designatorBefore(kept.toString())));
          last = digitsEnd;
          expected++;
        }
        at = digitsEnd;
      }
      if (last > 0) {
        kept.append(line, last, line.length());
        lines.set(i, kept.toString());
      }
    }
  }

  /** True if {@code line} from {@code from} on is blank, as {@link String#isBlank()}. */
  private static boolean isBlankFrom(String line, int from) {
    for (int i = from; i < line.length(); ) {
      int cp = line.codePointAt(i);
      if (!Character.isWhitespace(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static boolean isMarkerLead(char c) {
    return ".,;:!?)]}\"'”’»".indexOf(c) >= 0;
  }

  private Optional<Designated> designatorBefore(String textBefore) {
    // a designator ends in a digit (its serial, station serial or paragraph number), perhaps
    // followed by one closing mark: a marker after "agreement." or "(Haig)" costs no regex
    int end = textBefore.length();
    int last = end - 1;
    if (last >= 0 && ".,;:)]".indexOf(textBefore.charAt(last)) >= 0) {
      last--;
    }
    if (last < 0 || textBefore.charAt(last) < '0' || textBefore.charAt(last) > '9') {
      return Optional.empty();
    }
    // a designator with station serial, paragraph and punctuation fits in 64 characters
    String tail = textBefore.substring(Math.max(0, end - 64));
    Matcher m = DESIGNATOR_BEFORE_MARKER.matcher(tail).useTransparentBounds(true);
    for (int word = numberedWord(tail, 0); word >= 0; word = numberedWord(tail, word + 1)) {
      if (m.region(word, tail.length()).lookingAt()) {
        return isSeries(m.group(1)) ? designated(m.group(1), m.group(2)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The first index at or after {@code from} where a word of 3 to 20 ASCII letters starts (at a
   * word boundary) and is followed by white space and a digit; -1 if none. Only there can {@link
   * #DESIGNATOR} or {@link #DESIGNATOR_BEFORE_MARKER} match: trying them there alone, leftmost
   * first, finds what a search would, without running the pattern at every character.
   */
  private static int numberedWord(CharSequence text, int from) {
    int word = from;
    while (word < text.length()) {
      if (!isLetter(text.charAt(word)) || (word > 0 && isWordChar(text.charAt(word - 1)))) {
        word++;
        continue;
      }
      int letters = word;
      while (letters < text.length() && isLetter(text.charAt(letters))) {
        letters++;
      }
      int digit = letters;
      while (digit < text.length() && isRegexSpace(text.charAt(digit))) {
        digit++;
      }
      if (letters - word >= 3
          && letters - word <= 20
          && digit > letters
          && digit < text.length()
          && text.charAt(digit) >= '0'
          && text.charAt(digit) <= '9') {
        return word;
      }
      word = letters;
    }
    return -1;
  }

  /** A letter as the patterns here read {@code [A-Za-z]}: ASCII only. */
  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static Optional<Designated> designated(String series, String serial) {
    try {
      return Optional.of(new Designated(new Series(series), Integer.parseInt(serial)));
    } catch (InvalidValueException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True for a series word: the record's series are named to or from someone ({@code Hakto}, {@code
   * Tohak}, {@code Haigto}, {@code Tohaig}, {@code Secto}, {@code Tosec}), and some common words
   * that look so are not.
   */
  private static boolean isSeries(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    return upper.length() >= 4
        && (upper.startsWith("TO") || upper.endsWith("TO"))
        && !NOT_SERIES.contains(upper);
  }

  private Optional<Anchor> anchor(int footnote) {
    for (MarkerAt m : markers) {
      if (m.number() == footnote) {
        Placement p = placements.getOrDefault(m.line(), new Placement(Place.HEADER, 0));
        Integer one = paragraphOneAt.get(m.line());
        if (one != null && m.keptIndex() < one) {
          p = new Placement(Place.HEADER, 0);
        }
        return Optional.of(
            new Anchor(
                m.line() + 1,
                m.column(),
                p.place(),
                p.place() == Place.PARAGRAPH ? OptionalInt.of(p.paragraph()) : OptionalInt.empty(),
                m.designator()));
      }
    }
    return Optional.empty();
  }

  // ---- title ----

  /** Reads sender and addressees from the title on line {@code line} (from 0). */
  private static Parties parties(String title, int line) {
    int from = indexOfWord(title, FROM);
    if (from < 0) {
      throw new CableSyntaxException(
          line + 1,
          1,
          SyntaxCode.EDITION_PARTIES,
          "the title names no sender (\"… From … to …\"): " + Text.quote(title));
    }
    String rest = title.substring(from + "From".length()).strip();
    int split = splitFromTo(rest);
    if (split < 0) {
      throw new CableSyntaxException(
          line + 1,
          1,
          SyntaxCode.EDITION_PARTIES,
          "the title names no addressee (\"… From … to …\"): " + Text.quote(title));
    }
    String fromPart = rest.substring(0, split).strip();
    String toPart = rest.substring(split + " to ".length()).strip();
    try {
      List<Person> senders = persons(fromPart);
      List<Person> to = persons(toPart);
      if (senders.isEmpty() || to.isEmpty()) {
        throw new InvalidValueException("title", "names no person");
      }
      return new Parties(senders.get(0), to);
    } catch (InvalidValueException e) {
      throw new CableSyntaxException(
          line + 1,
          1,
          SyntaxCode.EDITION_PARTIES,
          "the title's sender or addressee cannot be read ("
              + e.getMessage()
              + "): "
              + Text.quote(title));
    }
  }

  private static int indexOfWord(String text, Pattern word) {
    Matcher m = word.matcher(text);
    return m.find() ? m.start() : -1;
  }

  /**
   * Where {@code … to …} splits sender from addressee: the first " to " after which the sender part
   * ends with a name in parentheses (and a place), else the first " to " outside parentheses.
   */
  private static int splitFromTo(String rest) {
    List<Integer> candidates = new ArrayList<>();
    int depth = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && rest.startsWith(" to ", i)) {
        candidates.add(i);
      }
    }
    for (int i : candidates) {
      String before = rest.substring(0, i).strip();
      int close = before.lastIndexOf(')');
      if (close > 0
          && before.lastIndexOf('(', close) >= 0
          && before.lastIndexOf('(', close) < close - 1
          && AFTER_NAME.matcher(before.substring(close + 1)).matches()) {
        return i;
      }
    }
    return candidates.isEmpty() ? -1 : candidates.get(0);
  }

  /** The persons a part of a title names: each name in parentheses, or the part itself. */
  private static List<Person> persons(String part) {
    List<Person> result = new ArrayList<>();
    Matcher m = PARENS.matcher(part);
    while (m.find()) {
      Matcher place = PLACE_AFTER.matcher(part.substring(m.end()));
      Optional<String> at = place.find() ? Optional.of(place.group(1).strip()) : Optional.empty();
      result.add(new Person(m.group(1).strip(), at));
    }
    if (!result.isEmpty()) {
      return result;
    }
    String name = (part.endsWith(",") ? part.substring(0, part.length() - 1) : part).strip();
    Optional<String> place = Optional.empty();
    Matcher tail = PLACE_TAIL.matcher(name);
    if (tail.matches()) {
      name = tail.group(1).strip();
      place = Optional.of(tail.group(2).strip());
    }
    int of = name.indexOf(" of the ");
    if (of > 0) {
      name = name.substring(0, of);
    }
    result.add(new Person(name, place));
    return result;
  }

  // ---- header ----

  /** Reads designator, reference, precedence and handling lines; returns the first body line. */
  private int header(int from, int end) {
    int i = from;
    for (; i < end; i++) {
      String line = strip(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      if (designator.isEmpty() && dateline.isEmpty() && dateline(line, i)) {
        placements.put(i, new Placement(Place.HEADER, 0));
        continue;
      }
      Matcher subj = SUBJECT.matcher(line);
      if (subj.lookingAt()) {
        placements.put(i, new Placement(Place.HEADER, 0));
        subject = subject.or(() -> Optional.of(line.substring(subj.end())));
        continue;
      }
      if (designator.isEmpty() && BARE_SERIAL.matcher(line).matches()) {
        Optional<Integer> paragraphOne = designatorLine(line, i);
        if (designator.isPresent()) {
          placements.put(i, new Placement(Place.HEADER, 0));
          if (paragraphOne.isPresent()) {
            return i;
          }
          continue;
        }
      }
      if (NUMBER_ALONE.matcher(line).matches() || NUMBER_INLINE.matcher(line).matches()) {
        return i;
      }
      Matcher ref = REF_KEYWORD.matcher(line);
      if (ref.lookingAt()) {
        placements.put(i, new Placement(Place.HEADER, 0));
        String rest = references(line.substring(ref.end()));
        phrases(rest, i);
        continue;
      }
      if (designator.isEmpty()) {
        Optional<Integer> paragraphOne = designatorLine(line, i);
        if (paragraphOne.isPresent() || designator.isPresent()) {
          placements.put(i, new Placement(Place.HEADER, 0));
          if (paragraphOne.isPresent()) {
            return i;
          }
          continue;
        }
      }
      if (allPhrasesKnown(line)) {
        placements.put(i, new Placement(Place.HEADER, 0));
        phrases(line, i);
        continue;
      }
      return i;
    }
    return i;
  }

  /** Reads a dateline; true if {@code line} is one. A time with Z gives the DTG. */
  private boolean dateline(String line, int index) {
    Matcher m = DATELINE.matcher(line);
    // "Place, Month day, year": no comma and space, no dateline
    if (line.indexOf(", ") < 0 || !m.matches()) {
      return false;
    }
    dateline = Optional.of(line);
    if ("Z".equals(m.group(7))) {
      try {
        dtg =
            Optional.of(
                new Dtg(
                    LocalDateTime.of(
                        Integer.parseInt(m.group(4)),
                        Month.valueOf(m.group(2).toUpperCase(Locale.ROOT)),
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)))));
      } catch (DateTimeException | InvalidValueException e) {
        unplaced.add(
            new UnplacedLine(
                lines.indexOf(line) + 1,
                "the dateline's time names no real time: " + Text.quote(line)));
      }
    }
    return true;
  }

  /**
   * Reads a line that may hold the designator. Returns the column where paragraph 1 starts on it,
   * when it does; the line is then left holding paragraph 1 alone.
   */
  private Optional<Integer> designatorLine(String line, int index) {
    Matcher d = DESIGNATOR.matcher(line).useTransparentBounds(true);
    boolean found = false;
    // a telegram number standing first numbers the cable; series words after it are references
    boolean bareSerial = BARE_SERIAL.matcher(line).matches();
    // as a search would: leftmost first, and after a match that names no series, on from its end
    int word = bareSerial ? -1 : numberedWord(line, 0);
    while (word >= 0) {
      if (!d.region(word, line.length()).lookingAt()) {
        word = numberedWord(line, word + 1);
      } else if (isSeries(d.group(1))) {
        found = true;
        break;
      } else {
        word = numberedWord(line, d.end());
      }
    }
    String before;
    String after;
    if (found && !allPhrasesKnown(line.substring(0, d.start()))) {
      return Optional.empty();
    }
    if (found) {
      Optional<Designator> numbered = numbered(d);
      if (numbered.isEmpty()) {
        return Optional.empty();
      }
      designator = numbered;
      before = line.substring(0, d.start());
      after = line.substring(d.end());
    } else {
      Matcher s = STATION_ONLY.matcher(line);
      if (!s.lookingAt() || !stationOnlyTail(line.substring(s.end()))) {
        return Optional.empty();
      }
      Optional<StationSerial> station = stationSerial(s.group(1), s.group(2));
      if (station.isEmpty()) {
        return Optional.empty();
      }
      designator = Optional.of(new Designator.StationOnly(station.get()));
      before = "";
      after = line.substring(s.end());
    }
    after = strip(withoutLeadingStop(after));
    // the subject, references and paragraph 1 each need a colon or "1." on the line
    Matcher subj = SUBJECT.matcher(after);
    if (after.indexOf(':') >= 0 && subj.find()) {
      String words = after.substring(subj.end());
      String refs = "";
      Matcher ref = REF_KEYWORD.matcher(words);
      if (words.indexOf(':') >= 0 && ref.find()) {
        refs = words.substring(ref.start());
        words = words.substring(0, ref.start());
      }
      String subjectWords = strip(words);
      if (!subjectWords.isEmpty()) {
        subject = subject.or(() -> Optional.of(subjectWords));
      }
      after = after.substring(0, subj.start()) + " " + refs;
    }
    Matcher one = PARAGRAPH_ONE.matcher(after);
    String paragraphOne = null;
    if (after.contains("1.") && one.find()) {
      paragraphOne = one.group(1);
      after = after.substring(0, one.start());
    }
    Matcher ref = REF_KEYWORD.matcher(after);
    String rest = after;
    if (after.indexOf(':') >= 0 && ref.find()) {
      rest = after.substring(0, ref.start()) + " " + references(after.substring(ref.end()));
    }
    phrases(before + ". " + rest, index);
    if (paragraphOne != null) {
      paragraphOneAt.put(index, lines.get(index).lastIndexOf(paragraphOne));
      lines.set(index, "1. " + paragraphOne);
      return Optional.of(0);
    }
    return Optional.empty();
  }

  private static Optional<Designator> numbered(Matcher d) {
    try {
      Optional<StationSerial> station = Optional.empty();
      if (d.group(4) != null) {
        station = stationSerial(d.group(3), d.group(4));
        if (station.isEmpty()) {
          return Optional.empty();
        }
      }
      return Optional.of(
          new Designator.Numbered(new Series(d.group(1)), Integer.parseInt(d.group(2)), station));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  private static Optional<StationSerial> stationSerial(String prefix, String number) {
    try {
      return Optional.of(new StationSerial(Optional.ofNullable(prefix), Integer.parseInt(number)));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  /** True if what follows a bare station serial reads as the rest of a designator line. */
  private boolean stationOnlyTail(String tail) {
    String t = strip(withoutLeadingStop(tail));
    return t.isEmpty()
        || REF_KEYWORD.matcher(t).lookingAt()
        || SUBJECT.matcher(t).lookingAt()
        || PARAGRAPH_ONE.matcher(t).lookingAt()
        || allPhrasesKnown(t);
  }

  /** {@code text} without a full stop or comma that opens it after white space, if it has one. */
  private static String withoutLeadingStop(String text) {
    int i = 0;
    while (i < text.length() && isRegexSpace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')
        ? text.substring(i + 1)
        : text;
  }

  /** White space as the patterns here read {@code \\s}: ASCII only. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Reads references from the start of {@code text}; returns what follows them. */
  private String references(String text) {
    Matcher m = REF_ITEM.matcher(text);
    int end = 0;
    while (m.find()) {
      Optional<Designated> d = designated(m.group(3), m.group(4));
      if (d.isEmpty()) {
        break;
      }
      OptionalInt paragraph =
          m.group(5) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(5)));
      Reference reference;
      try {
        reference = new Reference(d.get().series(), d.get().serial(), paragraph, Optional.empty());
      } catch (InvalidValueException e) {
        // Serial or paragraph 0 ("Hakto 0", "para 0"): no reference; the list ends before it,
        // as it does at an item that names no series (found by EditionTextFuzzTest).
        break;
      }
      // a printed heading that repeats a reference cites it once: a cable holds each one once
      if (!references.contains(reference)) {
        references.add(reference);
      }
      end = m.end();
    }
    return text.substring(end);
  }

  private boolean allPhrasesKnown(String line) {
    for (String phrase : PHRASE_BREAK.split(line)) {
      String p = phrase(phrase);
      if (!p.isEmpty() && kindOf(p).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The kind of a phrase, remembered across documents: the record repeats its phrases. */
  private Optional<PhraseKind> kindOf(String phrase) {
    PhraseKind kind = phraseKinds.get(phrase, p -> readKind(p).orElse(PhraseKind.NONE));
    return kind == PhraseKind.NONE ? Optional.empty() : Optional.of(kind);
  }

  private Optional<PhraseKind> readKind(String phrase) {
    if (Precedence.fromWords(phrase).isPresent()) {
      return Optional.of(PhraseKind.PRECEDENCE);
    }
    if (isMarking(phrase)) {
      return Optional.of(PhraseKind.MARKING);
    }
    try {
      if (HANDLING_LEAD.matcher(phrase).lookingAt()
          && new Handling(phrase).kind() != HandlingKind.FREE_TEXT) {
        return Optional.of(PhraseKind.HANDLING);
      }
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private boolean isMarking(String phrase) {
    return Classification.fromWords(phrase).isPresent()
        || EyesOnly.fromWords(phrase).isPresent()
        || caveat(phrase).isPresent();
  }

  private Optional<Caveat> caveat(String words) {
    try {
      Caveat c = new Caveat(Text.normalWords(words));
      return caveats.contains(c) ? Optional.of(c) : Optional.empty();
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  /** Places the precedence, marking and handling phrases of a header line; reports the rest. */
  private void phrases(String text, int index) {
    for (String raw : PHRASE_BREAK.split(text)) {
      String phrase = phrase(raw);
      if (phrase.isEmpty()) {
        continue;
      }
      Optional<PhraseKind> kind = kindOf(phrase);
      if (kind.isEmpty()) {
        unplaced.add(
            new UnplacedLine(
                index + 1,
                "not read as designator, reference, precedence, marking or handling: "
                    + Text.quote(phrase)));
        continue;
      }
      switch (kind.get()) {
        case PRECEDENCE ->
            headerPrecedence = headerPrecedence.or(() -> Precedence.fromWords(phrase));
        case MARKING -> headerMarkings.add(phrase);
        case HANDLING -> handling.add(new Handling(phrase));
        case NONE -> throw new IllegalStateException("kindOf never gives NONE");
      }
    }
  }

  /** A phrase without white space around it and without the stops, commas and colons ending it. */
  private static String phrase(String raw) {
    String p = strip(raw);
    int end = p.length();
    while (end > 0 && ".,:".indexOf(p.charAt(end - 1)) >= 0) {
      end--;
    }
    return p.substring(0, end).strip();
  }

  // ---- body ----

  private void body(int from, int end) {
    int expected = 1;
    OptionalInt number = OptionalInt.empty();
    String text = null;
    int textLine = -1;
    boolean open = false;
    List<Part> parts = new ArrayList<>();
    for (int i = from; i < end; i++) {
      String line = strip(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      // only a line opening with a digit can be numbered: most lines cost no regex here
      boolean digit = line.charAt(0) >= '0' && line.charAt(0) <= '9';
      boolean numberedAlone =
          digit && numberAlone.reset(line).matches() && isNext(numberAlone.group(1), expected);
      boolean numberedInline =
          digit
              && !numberedAlone
              && numberInline.reset(line).matches()
              && isNext(numberInline.group(1), expected);
      if (numberedAlone || numberedInline) {
        if (open) {
          close(textLine, number, text, parts);
          parts = new ArrayList<>();
        }
        int n = Integer.parseInt(numberedAlone ? numberAlone.group(1) : numberInline.group(1));
        expected = n + 1;
        number = OptionalInt.of(n);
        text = numberedInline ? strip(numberInline.group(2)) : null;
        textLine = i;
        open = true;
        placements.put(i, new Placement(Place.PARAGRAPH, paragraphs.size() + 1));
        continue;
      }
      if (open && text == null) {
        text = line;
        placements.put(i, new Placement(Place.PARAGRAPH, paragraphs.size() + 1));
        continue;
      }
      boolean labelled = line.charAt(0) == '(' || (line.length() > 1 && line.charAt(1) == '.');
      if (open && labelled && subparagraph.reset(line).matches()) {
        parts.add(new Part.SubParagraph(subparagraph.group(1), strip(subparagraph.group(2))));
      } else if (open && number.isPresent()) {
        parts.add(new Part.Block(line));
      } else {
        if (open) {
          close(textLine, number, text, parts);
          parts = new ArrayList<>();
        }
        number = OptionalInt.empty();
        text = line;
        textLine = i;
        open = true;
      }
      placements.put(i, new Placement(Place.PARAGRAPH, paragraphs.size() + 1));
    }
    if (open) {
      close(textLine, number, text, parts);
    }
  }

  /** A paragraph number is taken as one when it is the next, or skips at most two. */
  private static boolean isNext(String digits, int expected) {
    int n = Integer.parseInt(digits);
    return n >= expected && n <= expected + 2 && n >= 1;
  }

  private void close(int line, OptionalInt number, String text, List<Part> parts) {
    if (text == null) {
      unplaced.add(
          new UnplacedLine(
              line + 1, "paragraph " + number.orElse(0) + " has no text before the next one"));
      return;
    }
    paragraphs.add(new Paragraph(number, text, parts));
  }

  // ---- footnotes ----

  /**
   * The documents a footnote names in this volume: {@code Document 50.}, {@code Documents 30 and
   * 51.}
   */
  private static List<Integer> documents(String footnote) {
    List<Integer> result = new ArrayList<>();
    if (!footnote.contains("Document")) {
      return result; // DOCUMENTS, case-sensitive, cannot match
    }
    for (String sentence : sentences(footnote)) {
      if (NOT_THE_CABLE.matcher(sentence).find()) {
        continue;
      }
      Matcher m = DOCUMENTS.matcher(sentence);
      while (m.find()) {
        Matcher n = NUMBER.matcher(m.group(1));
        while (n.find()) {
          result.add(Integer.parseInt(n.group()));
        }
      }
    }
    return result;
  }

  /** Splits {@code Source: LOCATION. MARKINGS. NOTES} and keeps the notes. */
  private static SourceNote sourceNote(String footnote, List<String> notes) {
    String body = footnote.substring("Source:".length()).strip();
    int start = markingsStart(body);
    if (start < 0) {
      return new SourceNote(withoutFinalStop(body), List.of());
    }
    String location = withoutFinalStop(body.substring(0, start).strip());
    String tail = body.substring(start);
    Optional<SentenceEnd> end = sentenceEnd(tail, 0);
    String markingSentence = end.map(e -> tail.substring(0, e.start())).orElse(tail);
    String rest = end.map(e -> tail.substring(e.end())).orElse("");
    List<String> markings = new ArrayList<>();
    for (String m : markingSentence.split(";")) {
      if (!m.isBlank()) {
        markings.add(m.strip());
      }
    }
    if (!rest.isBlank()) {
      int from = 0;
      for (Optional<SentenceEnd> s = sentenceEnd(rest, 0);
          s.isPresent();
          s = sentenceEnd(rest, s.get().end())) {
        notes.add(rest.substring(from, s.get().end()).strip());
        from = s.get().end();
      }
      if (from < rest.length() && !rest.substring(from).isBlank()) {
        notes.add(rest.substring(from).strip());
      }
    }
    return new SourceNote(location, markings);
  }

  /**
   * The next sentence end in {@code text} at or after {@code from}: a full stop that ends no
   * abbreviation ({@code Gen.}, {@code Mr.}), followed by white space or the end of the text.
   */
  private static Optional<SentenceEnd> sentenceEnd(String text, int from) {
    for (int stop = text.indexOf('.', from); stop >= 0; stop = text.indexOf('.', stop + 1)) {
      int end = stop + 1;
      while (end < text.length() && isRegexSpace(text.charAt(end))) {
        end++;
      }
      if ((end > stop + 1 || end == text.length()) && !endsAbbreviation(text, stop)) {
        return Optional.of(new SentenceEnd(stop, end));
      }
    }
    return Optional.empty();
  }

  /** True if the word before the full stop at {@code stop} is an abbreviation. */
  private static boolean endsAbbreviation(String text, int stop) {
    int word = stop;
    while (word > 0 && isWordChar(text.charAt(word - 1))) {
      word--;
    }
    return stop - word >= 2
        && stop - word <= 4
        && ABBREVIATIONS.contains(text.substring(word, stop).toLowerCase(Locale.ROOT));
  }

  /** A word character as the patterns here read {@code \\w}: ASCII letters, digits, underscore. */
  private static boolean isWordChar(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
  }

  /** The sentences of {@code text}, split at their ends, without empty ones at the end. */
  private static List<String> sentences(String text) {
    List<String> result = new ArrayList<>();
    int from = 0;
    for (Optional<SentenceEnd> e = sentenceEnd(text, 0);
        e.isPresent();
        e = sentenceEnd(text, e.get().end())) {
      result.add(text.substring(from, e.get().start()));
      from = e.get().end();
    }
    result.add(text.substring(from));
    while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
      result.remove(result.size() - 1);
    }
    return result;
  }

  /**
   * Where the markings sentence of a source note starts: the first classification words at the
   * start of the note or after {@code . } or {@code ; }; -1 when there is none.
   */
  private static int markingsStart(String body) {
    int best = -1;
    for (String words : CLASSIFICATION_WORDS) {
      for (int i = body.indexOf(words); i >= 0; i = body.indexOf(words, i + 1)) {
        int end = i + words.length();
        boolean wordEnd = end == body.length() || !Character.isLetter(body.charAt(end));
        boolean sentenceStart =
            i == 0
                || (i >= 2 && body.charAt(i - 1) == ' ' && ".;".indexOf(body.charAt(i - 2)) >= 0);
        if (wordEnd && sentenceStart) {
          if (best < 0 || i < best) {
            best = i;
          }
          break;
        }
      }
    }
    return best;
  }

  private static String withoutFinalStop(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  // ---- the cable ----

  private Cable cable(Person from, List<Person> to, Optional<SourceNote> source, int heading) {
    List<String> markings = new ArrayList<>(source.map(SourceNote::markings).orElse(List.of()));
    markings.addAll(headerMarkings);
    Optional<Classification> classification = Optional.empty();
    Optional<Precedence> precedence = Optional.empty();
    Optional<EyesOnly> eyesOnly = Optional.empty();
    List<Caveat> found = new ArrayList<>();
    for (String marking : markings) {
      Optional<Classification> c = Classification.fromWords(marking);
      Optional<Precedence> p = Precedence.fromWords(marking);
      Optional<EyesOnly> e = EyesOnly.fromWords(marking);
      if (c.isPresent()) {
        classification = classification.or(() -> c);
      } else if (p.isPresent()) {
        precedence = precedence.or(() -> p);
      } else if (e.isPresent()) {
        eyesOnly = eyesOnly.or(() -> e);
      } else {
        caveat(marking).ifPresent(found::add);
      }
    }
    precedence = precedence.or(() -> headerPrecedence);
    if (classification.isEmpty()) {
      assumptions.add("classification: UNCLASSIFIED (no classification marking printed)");
    }
    if (precedence.isEmpty()) {
      assumptions.add("precedence: ROUTINE (no precedence printed)");
    }
    try {
      Cable.Builder b =
          Cable.builder(
              precedence.orElse(Precedence.ROUTINE),
              new SecurityLabel(
                  classification.orElse(Classification.UNCLASSIFIED), found, eyesOnly),
              from);
      to.forEach(b::to);
      designator.ifPresent(b::designator);
      dtg.ifPresent(b::dtg);
      subject.map(EditionParser::phrase).filter(x -> !x.isEmpty()).ifPresent(b::subject);
      handling.forEach(b::handling);
      references.forEach(b::reference);
      paragraphs.forEach(b::paragraph);
      return b.build();
    } catch (InvalidValueException e) {
      throw new CableSyntaxException(
          heading + 1, 1, SyntaxCode.INVALID_VALUE, "no cable can be made: " + e.getMessage());
    }
  }

  /**
   * Refuses a cable that the station could not keep: its canonical text must keep the limits a
   * released cable keeps (DESIGN 5.6). Returns that text.
   */
  private String checkLimits(Cable cable) {
    String text = CanonicalText.render(cable);
    long bytes = Utf8.length(text);
    String problem = null;
    if (bytes > limits.maxBytes()) {
      problem = "its canonical text is " + bytes + " bytes; the limit is " + limits.maxBytes();
    } else if (cable.paragraphs().size() > limits.maxParagraphs()) {
      problem =
          "it has "
              + cable.paragraphs().size()
              + " paragraphs; the limit is "
              + limits.maxParagraphs();
    } else if (cable.references().size() > limits.maxReferences()) {
      problem =
          "it has "
              + cable.references().size()
              + " references; the limit is "
              + limits.maxReferences();
    } else if (cable.addresseeCount() > limits.maxAddressees()) {
      problem =
          "it has "
              + cable.addresseeCount()
              + " addressees; the limit is "
              + limits.maxAddressees();
    } else {
      int lineStart = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', lineStart)) {
        int length = text.codePointCount(lineStart, i);
        if (length > limits.maxLineChars()) {
          problem =
              "a line of its canonical text has "
                  + length
                  + " characters; the limit is "
                  + limits.maxLineChars();
          break;
        }
        lineStart = i + 1;
      }
    }
    if (problem != null) {
      throw new CableSyntaxException(
          1, 1, SyntaxCode.EDITION_LIMIT, "the cable cannot be kept: " + problem);
    }
    return text;
  }

  /** Strips white space and Unicode space characters (such as no-break space) at both ends. */
  private static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }
}
