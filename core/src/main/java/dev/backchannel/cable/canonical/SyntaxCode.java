package dev.backchannel.cable.canonical;

/**
 * The stable codes of canonical-text errors. Codes are API: scripts match on them, so a code is
 * never renamed or reused for another problem.
 */
public enum SyntaxCode {
  /** The text is larger than the size limit. */
  TOO_LARGE,
  /** The bytes are not valid UTF-8. */
  ENCODING,
  /** The text is empty. */
  EMPTY,
  /** The text does not end with a line feed. */
  MISSING_FINAL_NEWLINE,
  /** A blank line stands where none may: at the end, or two in a row. */
  EXTRA_BLANK_LINE,
  /** A carriage return: lines end with a line feed alone. */
  CARRIAGE_RETURN,
  /** A tab character. */
  TAB,
  /** A control character or Unicode line separator. */
  CONTROL_CHARACTER,
  /** A line ends with a space. */
  TRAILING_SPACE,
  /** A line is not in Unicode normalisation form C. */
  NOT_NFC,
  /** A line is longer than the line limit. */
  LINE_TOO_LONG,
  /** The first line is not a precedence. */
  PRECEDENCE,
  /** The second line is not a security label the station can read. */
  LABEL,
  /** A required header line is missing or a header line has the wrong keyword. */
  HEADER_EXPECTED,
  /** A header line stands out of the fixed order, or is repeated. */
  HEADER_ORDER,
  /** A header line holds lower-case letters. */
  LOWER_CASE,
  /** A list entry is empty or badly separated. */
  LIST_ENTRY,
  /** The designator line is not {@code SERIES N[/STATION SERIAL]} or {@code /STATION SERIAL}. */
  DESIGNATOR,
  /** A DTG is not {@code DDHHMMZ MON YY} or names no real time. */
  DTG,
  /** A reference is not {@code SERIES N [PARA N] [IN EXCHANGE]}. */
  REFERENCE,
  /** A value breaks the rules of its field (the reason names the field). */
  INVALID_VALUE,
  /** A blank line is missing between header and body or between blocks. */
  BLANK_LINE_EXPECTED,
  /** There is no body. */
  BODY_MISSING,
  /** A block is indented other than 0 or 3 spaces, or at the wrong depth for what it is. */
  INDENT,
  /** A paragraph number is malformed or has no text. */
  PARAGRAPH_NUMBER,
  /** A sub-paragraph has no text. */
  SUBPARAGRAPH,
  /** A backslash escapes a block that did not need it. */
  NEEDLESS_ESCAPE,
  /** More paragraphs than the limit. */
  TOO_MANY_PARAGRAPHS,
  /** More references than the limit. */
  TOO_MANY_REFERENCES,
  /** More addressees than the limit. */
  TOO_MANY_ADDRESSEES,
  /** Edition text: the first line is not a numbered heading {@code NN. Title}. */
  EDITION_HEADING,
  /** Edition text: the title names no sender and addressee ({@code From … to …}). */
  EDITION_PARTIES,
  /** Edition text: no paragraph of text follows the heading. */
  EDITION_BODY,
  /** Edition text: the cable read from it breaks a limit of the canonical text. */
  EDITION_LIMIT
}
