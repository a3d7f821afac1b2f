package dev.backchannel.cable.edition;

/** What a phrase of a header line of edition text says. */
enum PhraseKind {
  PRECEDENCE,
  MARKING,
  HANDLING,
  /** Nothing the reader knows. */
  NONE
}
