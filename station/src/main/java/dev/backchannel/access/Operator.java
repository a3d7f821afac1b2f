package dev.backchannel.access;

/**
 * The station's operator: whoever runs a direct-mode command on the station file (DESIGN 5.1). He
 * is no user of the station: he has no login, memberships or clearance, and events record him as
 * {@value #NAME}. Holding the file, and with it everything in it, he may administer the station
 * (channels, ends, exchanges, users, caveats) and release a canonical file into a series; the
 * access policy gives him nothing else: he is no reader of cables (G3), so he has no drafts, inbox
 * or receipts, and no service hands him a cable's envelope or content.
 */
public record Operator() implements Actor {
  /** The name events record for him. */
  public static final String NAME = "operator";

  @Override
  public String name() {
    return NAME;
  }
}
