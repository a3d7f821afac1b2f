package dev.backchannel.cable;

/** The kinds of handling instruction a station acts on (DESIGN 2); anything else is free text. */
public enum HandlingKind {
  /** Deliver at once, regardless of the hour. */
  DELIVER_IMMEDIATELY,
  /** Hold until the reader's office hours start. */
  OPENING_OF_BUSINESS,
  /** Deliver before a deadline. */
  DELIVER_BY,
  /** Pass to a named reader. */
  PASS_TO,
  /** Only the named reader (and the originator) may see the content. */
  SEALED,
  /** Notify a named person when the cable is delivered. */
  NOTIFY_ON_RECEIPT,
  /** Wording that matches no kind, kept as written. */
  FREE_TEXT
}
