package dev.backchannel.store;

/** The kinds of receipt of G4, each recorded once per cable and reader. */
public enum ReceiptKind {
  /** The cable became available to the reader. */
  DELIVERED,
  /** Its full text was returned to the reader for display. */
  OPENED,
  /** The reader's client showed every paragraph; only after OPENED. */
  READ_IN_FULL,
  /** The reader himself confirmed; never automatic. */
  ACKNOWLEDGED,
  /** An addressee passed it to this pass-to reader. */
  PASSED
}
