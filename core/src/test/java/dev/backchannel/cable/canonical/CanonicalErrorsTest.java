package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Limits;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed canonical text: each problem is reported at its line and column with its code. */
class CanonicalErrorsTest {
  private static final String VALID =
      new String(GoldenFilesTest.golden("example.txt"), StandardCharsets.UTF_8);

  private final CanonicalText canonical = CanonicalText.standard();

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "1:1: EMPTY: the text is empty"),
        Arguments.of(
            VALID.replace("FLASH\n", "URGENT\n"),
            "1:1: PRECEDENCE: line 1 must be the precedence (FLASH OVERRIDE, FLASH, IMMEDIATE,"
                + " PRIORITY or ROUTINE), not \"URGENT\""),
        Arguments.of(
            VALID.replace("TOP SECRET SENSITIVE", "TOP SECRET BOGUS"),
            "2:12: LABEL: unknown caveat or eyes-only marking at \"BOGUS EXCLUSIVELY EYES ONLY\";"
                + " this station knows the caveats [CHEROKEE, EXDIS, LIMDIS, NODIS, NOFORN, ORCON,"
                + " OUTSIDE THE SYSTEM, SENSITIVE, SPECAT, UMBRA] and the markings EYES ONLY,"
                + " EXCLUSIVELY EYES ONLY, LITERALLY EYES ONLY"),
        Arguments.of(
            VALID.replace("TOP SECRET SENSITIVE", "TOP SECRET SENSITIVE NODIS"),
            "2:22: LABEL: caveats are written once each, in alphabetical order: NODIS after"
                + " SENSITIVE"),
        Arguments.of(
            VALID.replace("FROM: KISSINGER (SAIGON)\n", ""),
            "3:1: HEADER_EXPECTED: expected the FROM: line here, found \"TO: HAIG (WASHINGTON)\""),
        Arguments.of(
            VALID.replace("FROM: KISSINGER", "FROM: Kissinger"),
            "3:8: LOWER_CASE: header values are upper case; found \"i\""),
        Arguments.of(
            VALID.replace("TO: HAIG (WASHINGTON)", "TO: HAIG (WASHINGTON); ; BUNKER"),
            "4:24: LIST_ENTRY: an entry is empty; entries are separated by \"; \""),
        Arguments.of(
            VALID.replace("TO: HAIG (WASHINGTON)", "TO: HAIG (WASH;INGTON)"),
            "4:5: INVALID_VALUE: place: must not contain ';': \"WASH;INGTON\""),
        Arguments.of(
            VALID.replace("DTG: 221530Z OCT 72", "DTG: 321530Z OCT 72"),
            "6:6: DTG: dtg: names no real time: \"321530Z OCT 72\""),
        Arguments.of(
            VALID.replace("HAKTO 45/225", "HAKTO 045/225"),
            "7:1: DESIGNATOR: a designator is SERIES N, SERIES N/STATION SERIAL or /STATION SERIAL,"
                + " e.g. HAKTO 45/225 or TOHAK 84/WHS 2282; found \"HAKTO 045/225\""),
        Arguments.of(
            VALID.replace("REF: TOHAK 84", "REF: TOHAK 84 PARA"),
            "9:6: REFERENCE: a reference is SERIES N [PARA N] [IN EXCHANGE], e.g. HAKTO 44 PARA 2;"
                + " found \"TOHAK 84 PARA\""),
        Arguments.of(
            VALID.replace(
                "HANDLING: DELIVER IMMEDIATELY\nREF: TOHAK 84\n",
                "REF: TOHAK 84\nHANDLING: DELIVER IMMEDIATELY\n"),
            "9:1: HEADER_ORDER: the HANDLING: line is out of order or repeated; header lines come in"
                + " the order precedence, label, FROM, TO, INFO, PASS TO, DTG, designator, HANDLING,"
                + " REF, SUBJ"),
        Arguments.of(
            VALID.replace("BOMBING RESTRICTIONS\n\n", "BOMBING RESTRICTIONS\n"),
            "11:1: BLANK_LINE_EXPECTED: expected a blank line between header and body, found \"1."
                + " FIRST PARAGRAPH ...\""),
        Arguments.of(
            VALID.replace("1. FIRST PARAGRAPH ...\n\n", "1. FIRST PARAGRAPH ...\n\n\n"),
            "14:1: EXTRA_BLANK_LINE: blocks are separated by one blank line"),
        Arguments.of(
            VALID.replace("   A. SUB", "  A. SUB"),
            "16:1: INDENT: blocks are indented 0 or 3 spaces; this one is indented 2"),
        Arguments.of(
            VALID.replace("   A. SUB", "A. SUB"),
            "16:1: INDENT: sub-paragraphs are indented three spaces; escape a block that only looks"
                + " like one with a backslash"),
        Arguments.of(
            VALID.replace("   A. SUB-PARAGRAPH ...", "   \\SUB-PARAGRAPH ..."),
            "16:4: NEEDLESS_ESCAPE: a backslash escapes only a block that would read as a paragraph"
                + " number or sub-paragraph label, or that starts with a backslash"),
        Arguments.of(
            VALID.replace("2. SECOND", "02. SECOND"),
            "14:1: PARAGRAPH_NUMBER: a paragraph number is 1 to 999999999 without leading zeros,"
                + " followed by \". \" and text; found \"02. SECOND PARAGRAPH ...\""),
        Arguments.of(
            VALID.replace("   A. SUB-PARAGRAPH ...", "   A."),
            "16:4: SUBPARAGRAPH: sub-paragraph A. has no text on its line"),
        Arguments.of(
            VALID.replace("RESTRICTIONS\n", "RESTRICTIONS \n"),
            "10:50: TRAILING_SPACE: the line ends with a space"),
        Arguments.of(
            VALID + "\n", "19:1: EXTRA_BLANK_LINE: the text must not end with a blank line"),
        Arguments.of(
            VALID.substring(0, VALID.length() - 1),
            "18:36: MISSING_FINAL_NEWLINE: the text must end with a line feed"),
        Arguments.of(
            VALID.replace("FIRST PARAGRAPH", "FIRST\tPARAGRAPH"),
            "12:9: TAB: tabs are not allowed; use spaces"),
        Arguments.of(
            VALID.replace("FIRST PARAGRAPH ...\n", "FIRST PARAGRAPH ...\r\n"),
            "12:23: CARRIAGE_RETURN: lines end with LF alone, not CR"),
        Arguments.of(
            VALID.replace("FIRST PARAGRAPH", "FIRST \u2028PARAGRAPH"),
            "12:10: CONTROL_CHARACTER: the character U+2028 is not allowed"),
        Arguments.of(
            VALID.replace("FIRST PARAGRAPH", "FIRST PARAGRAPHE\u0301"),
            "12:19: NOT_NFC: the line is not in Unicode normalisation form C"),
        Arguments.of(
            VALID.substring(0, VALID.indexOf("\n1. ")),
            "11:1: BODY_MISSING: the cable has no body"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedTextIsReportedWithPlaceCodeAndReason(String text, String message) {
    CableSyntaxException e =
        catchThrowableOfType(CableSyntaxException.class, () -> canonical.parse(text));
    assertThat(e).as("parse error for %s", message).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void invalidUtf8IsReportedAtTheBadByte() {
    byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
    int at = VALID.indexOf("HAIG");
    bytes[at + 1] = (byte) 0xC3;

    CableSyntaxException e =
        catchThrowableOfType(CableSyntaxException.class, () -> canonical.parse(bytes));

    assertThat(e.getMessage())
        .isEqualTo("4:6: ENCODING: byte 0xC3 at offset " + (at + 1) + " is not valid UTF-8");
  }

  @Test
  void limitsAreEnforcedWithTheirOwnCodes() {
    CanonicalText tight = new CanonicalText(CaveatRegistry.DEFAULT, new Limits(600, 1, 40, 1, 2));

    assertThat(messageOf(tight, VALID))
        .isEqualTo("2:41: LINE_TOO_LONG: the line has 42 characters; the limit is 40");
    assertThat(
            messageOf(
                new CanonicalText(CaveatRegistry.DEFAULT, new Limits(100, 500, 10_000, 50, 100)),
                VALID))
        .isEqualTo(
            "1:1: TOO_LARGE: the text is "
                + VALID.getBytes(StandardCharsets.UTF_8).length
                + " bytes; the limit is 100");
    CanonicalText oneParagraph =
        new CanonicalText(CaveatRegistry.DEFAULT, new Limits(65536, 1, 10_000, 50, 100));
    assertThat(messageOf(oneParagraph, VALID))
        .isEqualTo("14:1: TOO_MANY_PARAGRAPHS: more than 1 paragraphs");
    CanonicalText oneReference =
        new CanonicalText(CaveatRegistry.DEFAULT, new Limits(65536, 500, 10_000, 1, 100));
    assertThat(messageOf(oneReference, VALID.replace("REF: TOHAK 84", "REF: TOHAK 84; TOHAK 85")))
        .isEqualTo("9:1: TOO_MANY_REFERENCES: the cable has 2 references; the limit is 1");
    CanonicalText oneAddressee =
        new CanonicalText(CaveatRegistry.DEFAULT, new Limits(65536, 500, 10_000, 50, 1));
    assertThat(messageOf(oneAddressee, VALID))
        .isEqualTo("4:1: TOO_MANY_ADDRESSEES: the cable has 2 addressees; the limit is 1");
  }

  private static String messageOf(CanonicalText parser, String text) {
    return catchThrowableOfType(CableSyntaxException.class, () -> parser.parse(text)).getMessage();
  }

  @Test
  void aLabelAloneIsReadFromTheFirstTwoLinesAsTheWholeParseReadsIt() {
    assertThat(canonical.label(VALID)).isEqualTo(canonical.parse(VALID).label());
    assertThat(canonical.label(VALID.replace("1. ", "one. ")))
        .as("the rest of the text is not read")
        .isEqualTo(canonical.parse(VALID).label());
  }

  @Test
  void aLabelAloneIsRefusedAsTheWholeParseRefusesIt() {
    String bogus = VALID.replace("TOP SECRET SENSITIVE", "TOP SECRET BOGUS");

    assertThatThrownBy(() -> canonical.label(bogus))
        .isInstanceOf(CableSyntaxException.class)
        .hasMessageStartingWith("2:12: LABEL: unknown caveat or eyes-only marking at \"BOGUS");
    assertThatThrownBy(() -> canonical.label("FLASH"))
        .isInstanceOf(CableSyntaxException.class)
        .hasMessage("2:1: LABEL: line 2 must be the security label");
  }
}
