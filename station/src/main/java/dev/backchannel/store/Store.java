package dev.backchannel.store;

/**
 * The station's store: one durable place for the station, its channels, exchanges, users and
 * cables, where every change also appends an {@link StoredEvent} in the same transaction (DESIGN
 * 6). Releases are numbered without gaps (G1) and group-committed: concurrent releases share one
 * durable commit, and no call returns before its change is durable (G10).
 *
 * <p>Implementations are thread-safe. The same test suite runs against each of them.
 */
public interface Store
    extends AccountRepository,
        ChannelRepository,
        CableRepository,
        DraftRepository,
        DeliveryRepository,
        EscalationRepository,
        ReceiptRepository,
        EventRepository,
        AuditRepository,
        RelayRepository,
        AutoCloseable {
  /** Counters of the write path, for tests and metrics. */
  StoreStats stats();

  /**
   * Whether this process runs the station's clockwork now (the deliveries due at opening of
   * business, the escalations of G7). Always, where one process alone opens the store; where
   * several share a database, only the one holding the database's clockwork lock, which passes to
   * another process when its holder's connection ends (it died or stopped). Each call may take the
   * lock when it is free.
   */
  boolean leadsClockwork();

  /** Releases the file and its lock; idempotent. */
  @Override
  void close();
}
