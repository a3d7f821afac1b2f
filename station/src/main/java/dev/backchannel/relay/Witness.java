package dev.backchannel.relay;

import dev.backchannel.audit.AuditLog;
import dev.backchannel.service.Refused;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.RelayRepository.Witnessed;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.Store;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Cosignature;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Proofs;
import dev.backchannel.tlog.SignedNote;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * This station as the witness of its peers' audit logs (issue 25, G8): it cosigns a peer's
 * checkpoint (C2SP tlog-cosignature) only when the peer's key signed it and it is consistent with
 * the latest one this station cosigned before, so that neither operator can rewrite his history
 * alone. A checkpoint that fails the check raises the peer's witness alarm and is refused. The
 * exchange follows C2SP tlog-witness's add-checkpoint: the peer names the size it believes this
 * station cosigned last, and a consistency proof from it.
 */
public final class Witness {
  private final Store store;
  private final Optional<RelaySignatures.Self> self;
  private final Clock clock;

  public Witness(Store store, Optional<RelaySignatures.Self> self, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.self = Objects.requireNonNull(self, "self");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The name this station cosigns as: {@code backchannel/PREFIX/witness}. */
  public static String name(String prefix) {
    return "backchannel/" + prefix + "/witness";
  }

  /**
   * Cosigns a peer's checkpoint.
   *
   * @param peer the peer whose signed request carried it
   * @param old the size of the peer's checkpoint the peer believes this station cosigned last
   * @param proof the consistency proof from that checkpoint to this one
   * @param note the checkpoint as the peer signed it
   * @return the cosignature line
   * @throws Refused CONFLICT OLD_SIZE, with the size this station stands at as detail {@code size},
   *     when {@code old} is not it; FORBIDDEN when the note is not signed by the peer's key;
   *     INVALID INCONSISTENT when the checkpoint is not consistent with the one cosigned before
   */
  public String addCheckpoint(String peer, long old, List<Hash> proof, String note) {
    RelaySignatures.Self me =
        self.orElseThrow(
            () ->
                Refused.conflict(
                    "NO_SIGNING_KEY",
                    "",
                    "this station has no signing key, so it cosigns nothing"));
    PeerInfo p =
        store.peer(peer).orElseThrow(() -> Refused.notFound("peer", "there is no peer " + peer));
    SignedNote.Verifier verifier =
        AuditLog.verifier(new StationInfo(p.name(), p.name(), p.publicKey(), 0));
    String text =
        SignedNote.open(note, verifier)
            .orElseThrow(
                () ->
                    Refused.forbidden(
                        "the checkpoint is not signed by "
                            + verifier.name()
                            + ", "
                            + p.name()
                            + "'s key"));
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw Refused.invalid("checkpoint", e.getMessage());
    }
    if (!checkpoint.origin().equals(verifier.name())) {
      throw Refused.invalid(
          "checkpoint",
          "the checkpoint is of the log " + checkpoint.origin() + ", not " + verifier.name());
    }
    Witnessed before = store.witnessed(p.name());
    if (old != before.size()) {
      throw standsAt(before.size(), old);
    }
    if (checkpoint.size() < before.size()) {
      throw inconsistent(
          p.name(),
          "its log now holds "
              + checkpoint.size()
              + " entries, fewer than the "
              + before.size()
              + " this station cosigned");
    }
    if (before.root().isPresent()
        && !Proofs.verifyConsistency(
            before.size(), checkpoint.size(), proof, before.root().get(), checkpoint.root())) {
      throw inconsistent(
          p.name(),
          "its checkpoint of "
              + checkpoint.size()
              + " entries is not consistent with the one of "
              + before.size()
              + " this station cosigned: history was rewritten");
    }
    if (!store.witness(p.name(), old, checkpoint.size(), checkpoint.root())) {
      throw standsAt(store.witnessed(p.name()).size(), old);
    }
    return Cosignature.sign(
        text,
        name(me.name()),
        me.privateKey(),
        SignedNote.rawPublicKey(me.publicKey()),
        clock.millis() / 1000);
  }

  private static Refused standsAt(long size, long old) {
    return new Refused(
        Refused.Kind.CONFLICT,
        "OLD_SIZE",
        "old",
        "this station cosigned the checkpoint of " + size + " entries last, not of " + old,
        Map.of("size", List.of(String.valueOf(size))));
  }

  private Refused inconsistent(String peer, String why) {
    String message = "the audit log of " + peer + " fails this station's check: " + why;
    store.witnessAlarm(peer, message);
    return new Refused(Refused.Kind.INVALID, "INCONSISTENT", "checkpoint", message);
  }
}
