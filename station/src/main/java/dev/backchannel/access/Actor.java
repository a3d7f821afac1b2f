package dev.backchannel.access;

/**
 * Who asks a feature service to change or list what the station administers: a logged-in user as
 * the access policy sees him ({@link Reader}), or the station's {@link Operator} working on the
 * station file directly. The access policy decides what each may do ({@link
 * AccessPolicy#administers}); a service never decides by the kind of actor itself.
 */
public sealed interface Actor permits Reader, Operator {
  /** The name events record as the actor of what he does. */
  String name();
}
