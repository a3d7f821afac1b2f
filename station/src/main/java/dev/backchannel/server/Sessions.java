package dev.backchannel.server;

import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.SessionKind;
import java.util.Optional;

/**
 * Where the server finds the session a client's secret stands for: the accounts feature keeps
 * sessions, the server only asks, so the server depends on no feature.
 */
@FunctionalInterface
public interface Sessions {
  /** The live session of that kind for a secret a client presented: unrevoked, unexpired. */
  Optional<SessionInfo> session(String secret, SessionKind kind);
}
