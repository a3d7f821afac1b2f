package dev.backchannel.access;

/** What one user may know of one cable (G3), from least to most. */
public enum Access {
  /** Nothing: the cable answers as if it did not exist. */
  NONE,
  /** The envelope: exchange, designator, DTG, precedence, label banner, from, to, info. */
  ENVELOPE,
  /** The envelope and the content: subject, handling, pass-to, references, paragraphs, SHA-256. */
  CONTENT;

  /** Whether this access includes {@code other}. */
  public boolean includes(Access other) {
    return compareTo(other) >= 0;
  }
}
