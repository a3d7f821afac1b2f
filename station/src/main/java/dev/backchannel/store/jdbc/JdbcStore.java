package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.event.Event;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.Credentials;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.Membership;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewSession;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.RebuiltEntry;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.StoreStats;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserChange;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.Visibility;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The store over JDBC: one repository per feature ({@link JdbcAccounts}, {@link JdbcChannels},
 * {@link JdbcCables}, {@link JdbcDrafts}, {@link JdbcDelivery}, {@link JdbcEscalations}, {@link
 * JdbcReceipts}, {@link JdbcEvents}) over one {@link Database}, written once for every database and
 * told apart by a {@link Dialect}. Every change runs on one group-committing writer (G1, G10);
 * reads run on a pool. A database's own store (the SQLite file's, say) opens the connections and
 * hands them to {@link #start}.
 */
public final class JdbcStore implements Store {
  private final Database db;
  private final GroupCommitWriter writer;
  private final Handle writerHandle;
  private final List<AutoCloseable> resources;
  private final AtomicBoolean closed;
  private final JdbcAccounts accounts;
  private final JdbcChannels channels;
  private final JdbcCables cables;
  private final JdbcDrafts drafts;
  private final JdbcDelivery delivery;
  private final JdbcEscalations escalations;
  private final JdbcReceipts receipts;
  private final JdbcEvents events;
  private final JdbcAudit audit;
  private final JdbcRelay relay;
  private final Coordination coordination;

  private JdbcStore(
      Database db,
      Objectives objectives,
      GroupCommitWriter writer,
      Handle writerHandle,
      Coordination coordination,
      List<Runnable> listeners,
      List<AutoCloseable> resources,
      AtomicBoolean closed) {
    this.db = db;
    this.coordination = coordination;
    this.writer = writer;
    this.writerHandle = writerHandle;
    this.resources = resources;
    this.closed = closed;
    this.accounts = new JdbcAccounts(db);
    this.channels = new JdbcChannels(db, accounts);
    this.escalations = new JdbcEscalations(db, objectives);
    this.delivery = new JdbcDelivery(db, accounts, escalations);
    this.cables = new JdbcCables(db, channels, delivery);
    this.drafts = new JdbcDrafts(db, channels);
    this.receipts = new JdbcReceipts(db);
    this.events = new JdbcEvents(db, listeners);
    this.audit = new JdbcAudit(db);
    this.relay = new JdbcRelay(db, accounts, channels, cables, delivery);
  }

  /** What a database's own store hands over to {@link #start}. */
  public record Parts(
      String where,
      Clock clock,
      Jdbi writing,
      DataSource readers,
      Dialect dialect,
      Objectives objectives,
      StoreObserver observer,
      Coordination coordination) {
    public Parts {
      Objects.requireNonNull(coordination, "coordination");
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(writing, "writing");
      Objects.requireNonNull(readers, "readers");
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(objectives, "objectives");
      Objects.requireNonNull(observer, "observer");
    }
  }

  /**
   * Opens the writer's connection from {@code parts.writing()}, reads what the store keeps in
   * memory and starts the writer. {@link #close} closes the writer, then each of {@code resources}
   * in order (the readers' pool, a lock); if this fails, what it opened is closed again and the
   * resources are left to the caller.
   */
  public static JdbcStore start(Parts parts, List<AutoCloseable> resources) {
    parts.writing().setStatementBuilderFactory(connection -> new KeptStatements());
    Handle writerHandle = parts.writing().open();
    try {
      parts.dialect().prepareWriter(writerHandle);
      AtomicBoolean closed = new AtomicBoolean();
      // a read after close is misuse, refused as such rather than as the pool's failure
      Jdbi readers =
          Jdbi.create(
              () -> {
                if (closed.get()) {
                  throw new IllegalStateException(parts.where() + " is closed");
                }
                return parts.readers().getConnection();
              });
      List<Runnable> listeners = new CopyOnWriteArrayList<>();
      Coordination coordination = parts.coordination();
      AtomicReference<Database> opened = new AtomicReference<>();
      MerkleLog log = new MerkleLog();
      GroupCommitWriter writer =
          new GroupCommitWriter(
              writerHandle,
              new GroupCommitWriter.Hooks() {
                @Override
                public void began(Handle h) {
                  parts.dialect().beginWrite(h);
                  if (coordination.shared()) {
                    // another process may have registered a caveat that this transaction uses
                    opened.get().registry(JdbcChannels.registryRow(h));
                  }
                  log.began(h, coordination.shared());
                }

                @Override
                public void taskStarted() {
                  log.taskStarted();
                }

                @Override
                public void taskUndone() {
                  log.taskUndone();
                }

                @Override
                public void committing(Handle h) {
                  log.committing(h);
                }

                @Override
                public void committed() {
                  log.committed();
                }

                @Override
                public void rolledBack() {
                  log.rolledBack();
                }
              },
              "store-writer " + parts.where(),
              new Notifying(parts.observer(), listeners));
      Database db =
          new Database(
              parts.where(),
              parts.clock(),
              readers,
              writer,
              parts.dialect(),
              parts.observer(),
              log,
              coordination.shared());
      opened.set(db);
      Rows.register(readers, db);
      Rows.register(writerHandle, db);
      // before any name is written: a new name is refused that looks like one stored before V8
      writerHandle.useTransaction(Skeletons::fill);
      db.registry(JdbcChannels.registryRow(writerHandle));
      writer.start();
      JdbcAudit.logEarlierEvents(db);
      coordination.start(
          () -> {
            // what another process registered is read with from now on
            db.registry(db.read(JdbcChannels::registryRow));
            listeners.forEach(Runnable::run);
          });
      return new JdbcStore(
          db,
          parts.objectives(),
          writer,
          writerHandle,
          coordination,
          listeners,
          List.copyOf(resources),
          closed);
    } catch (RuntimeException e) {
      try {
        writerHandle.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public StationInfo initialise(StationSetup setup) {
    return accounts.initialise(setup);
  }

  @Override
  public Optional<StationInfo> station() {
    return accounts.station();
  }

  @Override
  public UserInfo createUser(NewUser user, String actor) {
    return accounts.createUser(user, actor);
  }

  @Override
  public Optional<UserInfo> user(String name) {
    return accounts.user(name);
  }

  @Override
  public List<UserInfo> users() {
    return accounts.users();
  }

  @Override
  public UserInfo updateUser(String name, UserChange change, String actor) {
    return accounts.updateUser(name, change, actor);
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    return accounts.credentials(name);
  }

  @Override
  public Optional<Duration> attemptLogin(
      Set<String> subjects,
      Instant now,
      Duration window,
      Function<Map<String, List<Instant>>, Optional<Duration>> rule) {
    return accounts.attemptLogin(subjects, now, window, rule);
  }

  @Override
  public void setPassword(String name, String passwordHash, String actor) {
    accounts.setPassword(name, passwordHash, actor);
  }

  @Override
  public void createSession(NewSession session, String address) {
    accounts.createSession(session, address);
  }

  @Override
  public Optional<SessionInfo> session(String tokenHash) {
    return accounts.session(tokenHash);
  }

  @Override
  public void revokeSession(String tokenHash, String actor) {
    accounts.revokeSession(tokenHash, actor);
  }

  @Override
  public ChannelInfo createChannel(String name, String endA, String endB, String actor) {
    return channels.createChannel(name, endA, endB, actor);
  }

  @Override
  public Optional<ChannelInfo> channel(String name) {
    return channels.channel(name);
  }

  @Override
  public List<ChannelInfo> channels() {
    return channels.channels();
  }

  @Override
  public List<EndInfo> ends(String channel) {
    return channels.ends(channel);
  }

  @Override
  public EndInfo putMember(
      String channel, String end, String user, boolean releaseAuthority, String actor) {
    return channels.putMember(channel, end, user, releaseAuthority, actor);
  }

  @Override
  public EndInfo removeMember(String channel, String end, String user, String actor) {
    return channels.removeMember(channel, end, user, actor);
  }

  @Override
  public EndInfo setSecondApproval(String channel, String end, boolean required, String actor) {
    return channels.setSecondApproval(channel, end, required, actor);
  }

  @Override
  public List<Membership> memberships(long userId) {
    return channels.memberships(userId);
  }

  @Override
  public CaveatRegistry caveats() {
    return channels.caveats();
  }

  @Override
  public CaveatRegistry addCaveat(Caveat caveat, String actor) {
    return channels.addCaveat(caveat, actor);
  }

  @Override
  public ExchangeInfo createExchange(NewExchange exchange, String actor) {
    return channels.createExchange(exchange, actor);
  }

  @Override
  public Optional<ExchangeInfo> exchange(String name) {
    return channels.exchange(name);
  }

  @Override
  public List<ExchangeInfo> exchanges() {
    return channels.exchanges();
  }

  @Override
  public StoredCable release(ReleaseRequest request) {
    return cables.release(request);
  }

  @Override
  public List<String> releasedUnread(long cableId) {
    return cables.releasedUnread(cableId);
  }

  @Override
  public Map<Long, List<String>> releasedUnread(Collection<Long> cableIds) {
    return cables.releasedUnread(cableIds);
  }

  @Override
  public List<ImportResult> importCables(
      String exchange, List<ImportRequest> cables, String actor) {
    return this.cables.importCables(exchange, cables, actor);
  }

  @Override
  public Optional<StoredCable> cable(long id) {
    return cables.cable(id);
  }

  @Override
  public Optional<StoredCable> cable(String exchange, Series series, int serial) {
    return cables.cable(exchange, series, serial);
  }

  @Override
  public Optional<StoredCable> cableByStationSerial(String exchange, String stationSerial) {
    return cables.cableByStationSerial(exchange, stationSerial);
  }

  @Override
  public List<StoredCable> cables(Optional<String> exchange, int limit) {
    return cables.cables(exchange, limit);
  }

  @Override
  public List<StoredCable> cables(Visibility visibility, CableQuery query) {
    return cables.cables(visibility, query);
  }

  @Override
  public List<Integer> serials(String exchange, Series series) {
    return cables.serials(exchange, series);
  }

  @Override
  public List<String> unresolvedReferences(String exchange) {
    return cables.unresolvedReferences(exchange);
  }

  @Override
  public Draft createDraft(String exchange, Series series, String end, long authorId, String text) {
    return drafts.createDraft(exchange, series, end, authorId, text);
  }

  @Override
  public Draft updateDraft(long id, String text, String actor) {
    return drafts.updateDraft(id, text, actor);
  }

  @Override
  public Optional<Draft> draft(long id) {
    return drafts.draft(id);
  }

  @Override
  public List<Draft> drafts(long userId) {
    return drafts.drafts(userId);
  }

  @Override
  public Draft approveDraft(long id, long approverId, String actor) {
    return drafts.approveDraft(id, approverId, actor);
  }

  @Override
  public void discardDraft(long id, String actor) {
    drafts.discardDraft(id, actor);
  }

  @Override
  public EndInfo holdEnd(String channel, String end, String actor) {
    return delivery.holdEnd(channel, end, actor);
  }

  @Override
  public List<StoredCable> resumeEnd(
      String channel, String end, String actor, Consumer<List<StoredCable>> delivered) {
    return delivery.resumeEnd(channel, end, actor, delivered);
  }

  @Override
  public List<StoredCable> deliverDue(Instant now) {
    return delivery.deliverDue(now);
  }

  @Override
  public List<UserInfo> deliveredTo(long cableId) {
    return delivery.deliveredTo(cableId);
  }

  @Override
  public Optional<Instant> deliveredAt(long cableId, long userId) {
    return delivery.deliveredAt(cableId, userId);
  }

  @Override
  public Map<Long, Instant> firstDelivered(Collection<Long> cableIds) {
    return delivery.firstDelivered(cableIds);
  }

  @Override
  public List<StoredCable> inbox(long userId, int limit) {
    return delivery.inbox(userId, limit);
  }

  @Override
  public Set<Long> heldCables(String exchange) {
    return delivery.heldCables(exchange);
  }

  @Override
  public Map<Precedence, Long> queuedDeliveries() {
    return delivery.queuedDeliveries();
  }

  @Override
  public List<Escalation> escalate(Instant now) {
    return escalations.escalate(now);
  }

  @Override
  public Receipt receipt(
      long cableId, long userId, ReceiptKind kind, String client, Optional<Long> by, String actor) {
    return receipts.receipt(cableId, userId, kind, client, by, actor);
  }

  @Override
  public boolean pass(long cableId, long byUserId, long toUserId, String actor) {
    return receipts.pass(cableId, byUserId, toUserId, actor);
  }

  @Override
  public List<Receipt> receipts(long cableId) {
    return receipts.receipts(cableId);
  }

  @Override
  public Map<Long, List<Receipt>> receipts(Collection<Long> cableIds) {
    return receipts.receipts(cableIds);
  }

  @Override
  public long lastEventId() {
    return events.lastEventId();
  }

  @Override
  public List<StoredEvent> events(long afterId, int limit) {
    return events.events(afterId, limit);
  }

  @Override
  public Optional<Event> rebuild(long eventId) {
    return events.rebuild(eventId);
  }

  @Override
  public AutoCloseable whenCommitted(Runnable listener) {
    return events.whenCommitted(listener);
  }

  @Override
  public boolean leadsClockwork() {
    return coordination.leadsClockwork();
  }

  @Override
  public CompactTree logTree() {
    return audit.logTree();
  }

  @Override
  public List<Hash> logTile(int level, long index) {
    return audit.logTile(level, index);
  }

  @Override
  public List<LoggedEvent> logged(long start, long end) {
    return audit.logged(start, end);
  }

  @Override
  public List<RebuiltEntry> rebuilt(long start, long end) {
    return audit.rebuilt(start, end);
  }

  @Override
  public List<LoggedEvent> loggedForCable(long cableId) {
    return audit.loggedForCable(cableId);
  }

  @Override
  public StoredCheckpoint keepCheckpoint(long size, Instant at, String note) {
    return audit.keepCheckpoint(size, at, note);
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return audit.latestCheckpoint();
  }

  @Override
  public List<StoredCheckpoint> checkpoints() {
    return audit.checkpoints();
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(writer.commits(), db.releases().get());
  }

  /**
   * Closes the writer, its connection and then each resource in order, whatever the one before did;
   * the first failure is thrown with the others suppressed in it. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<AutoCloseable> parts = new ArrayList<>(List.of(coordination, writer, writerHandle));
    parts.addAll(resources);
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not close " + db.where(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public Witnessed witnessed(String peer) {
    return relay.witnessed(peer);
  }

  @Override
  public boolean witness(String peer, long old, long size, Hash root) {
    return relay.witness(peer, old, size, root);
  }

  @Override
  public void witnessAlarm(String peer, String why) {
    relay.witnessAlarm(peer, why);
  }

  @Override
  public void keepCosignature(String peer, long size, Instant at, String line) {
    relay.keepCosignature(peer, size, at, line);
  }

  @Override
  public List<Cosigned> cosignatures(long size) {
    return relay.cosignatures(size);
  }

  // ---- relay ----

  @Override
  public PeerInfo addPeer(String name, String url, String publicKey, String actor) {
    return relay.addPeer(name, url, publicKey, actor);
  }

  @Override
  public List<PeerInfo> peers() {
    return relay.peers();
  }

  @Override
  public Optional<PeerInfo> peer(String name) {
    return relay.peer(name);
  }

  @Override
  public PeerInfo setLinkDown(String peer, boolean down, String actor) {
    return relay.setLinkDown(peer, down, actor);
  }

  @Override
  public void linkAnswered(String peer, Optional<String> error) {
    relay.linkAnswered(peer, error);
  }

  @Override
  public EndInfo placeEnd(String channel, String end, Optional<String> peer, String actor) {
    return relay.placeEnd(channel, end, peer, actor);
  }

  @Override
  public List<Outgoing> outbox(String peer, int limit, Precedence lowest) {
    return relay.outbox(peer, limit, lowest);
  }

  @Override
  public Queue queue(String peer) {
    return relay.queue(peer);
  }

  @Override
  public void acknowledge(String peer, List<Ack> acks) {
    relay.acknowledge(peer, acks);
  }

  @Override
  public List<Received> receive(String peer, List<Incoming> cables) {
    return relay.receive(peer, cables);
  }

  @Override
  public Reports reports(String peer, long after, int window) {
    return relay.reports(peer, after, window);
  }

  @Override
  public long reportsSent(String peer) {
    return relay.reportsSent(peer);
  }

  @Override
  public void reportsAcknowledged(String peer, long upTo) {
    relay.reportsAcknowledged(peer, upTo);
  }

  @Override
  public int receiveReports(String peer, List<Report> reports, List<EscalationReport> escalations) {
    return relay.receiveReports(peer, reports, escalations);
  }

  /**
   * Tells the store's observer of each commit, then whoever waits for events ({@link
   * #whenCommitted}).
   */
  private record Notifying(StoreObserver observer, List<Runnable> listeners)
      implements StoreObserver {
    @Override
    public void committed(int tasks, long transactionNanos, long commitNanos) {
      observer.committed(tasks, transactionNanos, commitNanos);
      listeners.forEach(Runnable::run);
    }

    @Override
    public void released(Precedence precedence) {
      observer.released(precedence);
    }
  }
}
