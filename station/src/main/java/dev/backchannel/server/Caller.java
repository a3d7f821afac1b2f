package dev.backchannel.server;

import dev.backchannel.access.Reader;
import dev.backchannel.store.SessionInfo;
import java.util.Objects;

/** The logged-in user behind a request, with the session or token he came with. */
public record Caller(SessionInfo session, Reader reader) {
  public Caller {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(reader, "reader");
  }

  /** His login name, as events record the actor. */
  public String name() {
    return reader.user().name();
  }
}
