package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.tlog.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Relay between stations (issue 25): the peers, the ends that live at them, the outbox of cables
 * for each peer, cables received from a peer, and the receipts that travel back. Part of the {@link
 * Store}; every change appends its events in the same transaction (DESIGN 6).
 */
public interface RelayRepository {
  /**
   * Introduces a peer station.
   *
   * @throws StoreException CONFLICT if a peer of that name is known already, or the name is this
   *     station's own prefix
   */
  PeerInfo addPeer(String name, String url, String publicKey, String actor);

  /** Every peer, by name. */
  List<PeerInfo> peers();

  /** The peer of that name (case-insensitive). */
  Optional<PeerInfo> peer(String name);

  /**
   * Takes the link to a peer down, or brings it up; the same state again changes nothing.
   *
   * @throws StoreException NOT_FOUND if there is no such peer
   */
  PeerInfo setLinkDown(String peer, boolean down, String actor);

  /**
   * Records whether the peer answered the last request: since when it has not, and why (empty when
   * it answered). Link state, not history: no event.
   */
  void linkAnswered(String peer, Optional<String> error);

  /**
   * Places an end of a channel at a peer station (its members are that station's users) or back at
   * this station.
   *
   * @throws StoreException NOT_FOUND if the channel, end or peer does not exist; CONFLICT if the
   *     end has members here, or both ends would live at peers
   */
  EndInfo placeEnd(String channel, String end, Optional<String> peer, String actor);

  /** A cable waiting in the outbox for a peer, with what the peer needs to store it. */
  record Outgoing(
      long cableId,
      String exchange,
      String designator,
      String canonical,
      String sha256,
      int seen,
      Instant releasedAt,
      String releaser,
      Precedence precedence) {
    public Outgoing {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(designator, "designator");
      Objects.requireNonNull(canonical, "canonical");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(releasedAt, "releasedAt");
      Objects.requireNonNull(releaser, "releaser");
      Objects.requireNonNull(precedence, "precedence");
    }
  }

  /**
   * The first cables of a peer's outbox, by precedence, then release time (G7), at most {@code
   * limit}.
   */
  default List<Outgoing> outbox(String peer, int limit) {
    return outbox(peer, limit, Precedence.ROUTINE);
  }

  /**
   * As {@link #outbox(String, int)}, of the cables of precedence {@code lowest} or more urgent
   * only: what the FLASH lane sends beside the bulk of the traffic.
   */
  List<Outgoing> outbox(String peer, int limit, Precedence lowest);

  /**
   * How much waits for a peer: by precedence (every precedence a key), and the oldest waiting
   * cable: its release and its designator.
   */
  record Queue(
      Map<Precedence, Long> depth, Optional<Instant> oldest, Optional<String> oldestCable) {
    public Queue {
      depth = Map.copyOf(depth);
      Objects.requireNonNull(oldest, "oldest");
      Objects.requireNonNull(oldestCable, "oldestCable");
    }

    public long total() {
      return depth.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** What waits in the outbox for a peer. */
  Queue queue(String peer);

  /** A peer's acknowledgement of one cable: the station serial it gave it. */
  record Ack(long cableId, int number) {}

  /**
   * Takes acknowledged cables out of a peer's outbox, recording each once with the peer's serial;
   * an acknowledgement of a cable no longer waiting changes nothing.
   */
  void acknowledge(String peer, List<Ack> acks);

  /**
   * A cable as a peer relayed it.
   *
   * @param exchange the exchange's name, the same at both stations
   * @param cable the cable as released at the peer, with its designator and the peer's station
   *     serial
   * @param seen G5's seen, as the peer recorded it at release
   * @param releasedAt the release instant at the peer
   * @param releaser who released it there
   */
  record Incoming(String exchange, Cable cable, int seen, Instant releasedAt, String releaser) {
    public Incoming {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(cable, "cable");
      Objects.requireNonNull(releasedAt, "releasedAt");
      Objects.requireNonNull(releaser, "releaser");
    }
  }

  /**
   * How a relayed cable was taken: this station's serial for it, and whether it was held already.
   */
  record Received(String designator, int number, boolean duplicate) {
    public Received {
      Objects.requireNonNull(designator, "designator");
    }
  }

  /**
   * Stores cables a peer relayed, in one transaction, each numbered with this station's serial and
   * delivered to its receiving end (unless held), and answers once that is durable. A cable held
   * already with the same text is a duplicate, stored once (exactly once, keyed by its designator
   * and its origin's station serial).
   *
   * @throws StoreException NOT_FOUND if the exchange is not known here; INVALID if a cable's series
   *     is not sent from that peer's end, or its station serial is not the peer's; CONFLICT if a
   *     cable of that designator is held with another text; nothing is stored then
   */
  List<Received> receive(String peer, List<Incoming> cables);

  /**
   * A receipt given at one station to a cable released at another, as it travels back.
   *
   * @param index the entry of the receiving station's audit log that recorded it
   * @param series and {@code serial}: the cable's designator in its exchange
   */
  record Report(
      long index,
      String exchange,
      Series series,
      int serial,
      String reader,
      ReceiptKind kind,
      Instant at,
      String client,
      Optional<String> by) {
    public Report {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(reader, "reader");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * An escalation (G7) of a cable released at another station, as it travels back: the stage
   * reached at the receiving station and the readers late there.
   *
   * @param index the entry of the receiving station's audit log that recorded it
   */
  record EscalationReport(
      long index,
      String exchange,
      Series series,
      int serial,
      Escalation.Stage stage,
      List<String> late,
      Instant at) {
    public EscalationReport {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(stage, "stage");
      late = List.copyOf(late);
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The receipts and escalations of {@link #reports}, and the audit-log entry up to which they were
   * looked for.
   */
  record Reports(List<Report> reports, List<EscalationReport> escalations, long upTo) {
    public Reports {
      reports = List.copyOf(reports);
      escalations = List.copyOf(escalations);
    }
  }

  /**
   * The receipts given here to cables received from a peer, recorded in the audit-log entries after
   * {@code after} (the peer's acknowledged position) up to at most {@code after + window}, in log
   * order: the log is read a window at a time, so that a station that gives no such receipts does
   * not read its whole log again each time.
   */
  Reports reports(String peer, long after, int window);

  /**
   * The audit-log entry up to which a peer acknowledged this station's reports: where {@link
   * #reports} goes on.
   */
  long reportsSent(String peer);

  /** Records that a peer acknowledged the reports up to the log entry {@code upTo}. */
  void reportsAcknowledged(String peer, long upTo);

  /**
   * Stores the receipts a peer's readers gave to cables released here, and the escalations there,
   * each once. An escalation to the originator notifies the users here whom the cable's FROM
   * addresses; the others name the peer's late readers for the record.
   *
   * @return how many were new
   * @throws StoreException NOT_FOUND if a report names a cable this station did not send to that
   *     peer; nothing is stored then
   */
  int receiveReports(String peer, List<Report> reports, List<EscalationReport> escalations);

  // ---- witnessing (C2SP tlog-cosignature) ----

  /** The latest checkpoint of a peer's log this station cosigned: its size and root. */
  record Witnessed(long size, Optional<Hash> root) {
    public Witnessed {
      Objects.requireNonNull(root, "root");
    }
  }

  /**
   * The latest checkpoint of a peer's log this station cosigned; size 0 and no root for none.
   *
   * @throws StoreException NOT_FOUND if there is no such peer
   */
  Witnessed witnessed(String peer);

  /**
   * Records that this station cosigned the peer's checkpoint of {@code size} leaves and {@code
   * root}, if it still stands at {@code old}: the check and the change are one, so that two
   * checkpoints never both move the witness on from the same size.
   *
   * @return whether it stood at {@code old}
   */
  boolean witness(String peer, long old, long size, Hash root);

  /**
   * Records why a peer's log failed this station's check as its witness; the first reason stays.
   */
  void witnessAlarm(String peer, String why);

  /** Keeps the cosignature a peer gave this station's checkpoint of {@code size}, once. */
  void keepCosignature(String peer, long size, Instant at, String line);

  /** A peer's cosignature of one of this station's checkpoints. */
  record Cosigned(String peer, long size, Instant at, String line) {
    public Cosigned {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(line, "line");
    }
  }

  /** The cosignatures peers gave this station's checkpoint of {@code size}, by peer. */
  List<Cosigned> cosignatures(long size);
}
