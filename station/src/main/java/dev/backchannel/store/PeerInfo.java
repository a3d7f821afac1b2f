package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer station as this station knows it (issue 25), and the state of the link to it.
 *
 * @param name the peer's station prefix, which numbers its cables ({@code WHS})
 * @param url where its relay routes are served
 * @param publicKey its Ed25519 public key, base64 of the X.509 encoding: every relay request it
 *     makes is signed with the matching private key
 * @param addedAt when an administrator introduced it
 * @param downSince since when an operator took the link down, if he did
 * @param downBy who took it down
 * @param unreachableSince since when the peer did not answer this station's requests, if it did not
 * @param lastError why the last request to it failed
 * @param lastAck when it last acknowledged a cable
 * @param witnessed the size of the peer's latest checkpoint this station cosigned; 0 for none
 * @param witnessAlarm why the peer's log failed this station's check as its witness, once it did
 * @param cosigned the size of this station's latest checkpoint the peer cosigned; 0 for none
 */
public record PeerInfo(
    String name,
    String url,
    String publicKey,
    Instant addedAt,
    Optional<Instant> downSince,
    Optional<String> downBy,
    Optional<Instant> unreachableSince,
    Optional<String> lastError,
    Optional<Instant> lastAck,
    long witnessed,
    Optional<String> witnessAlarm,
    long cosigned) {
  public PeerInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(downSince, "downSince");
    Objects.requireNonNull(downBy, "downBy");
    Objects.requireNonNull(unreachableSince, "unreachableSince");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastAck, "lastAck");
    Objects.requireNonNull(witnessAlarm, "witnessAlarm");
  }

  /** Whether cables may go to it now: no operator took the link down. */
  public boolean up() {
    return downSince.isEmpty();
  }

  /** The state of a link as an operator sees it. */
  public enum LinkState {
    /** Cables go, and the peer answers. */
    UP,
    /** An operator took it down: cables queue. */
    DOWN,
    /** The peer does not answer: cables queue until it does. */
    UNREACHABLE
  }

  /** The link's state: down when an operator took it down, else unreachable or up. */
  public LinkState state() {
    return downSince.isPresent()
        ? LinkState.DOWN
        : unreachableSince.isPresent() ? LinkState.UNREACHABLE : LinkState.UP;
  }

  /** Since when the link is in its state: taken down, unreachable, or up since introduced. */
  public Instant since() {
    return downSince.or(() -> unreachableSince).orElse(addedAt);
  }
}
