package dev.backchannel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.accounts.Accounts;
import dev.backchannel.accounts.AccountsApi;
import dev.backchannel.accounts.LoginLimiter;
import dev.backchannel.accounts.Logins;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.audit.AuditApi;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.audit.Checkpointing;
import dev.backchannel.cables.CablesApi;
import dev.backchannel.cables.Facts;
import dev.backchannel.cables.Reading;
import dev.backchannel.channels.Channels;
import dev.backchannel.channels.ChannelsApi;
import dev.backchannel.live.EventFollower;
import dev.backchannel.live.LiveApi;
import dev.backchannel.live.LiveEvents;
import dev.backchannel.live.LiveFeed;
import dev.backchannel.live.LiveObserver;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.receipts.Receipts;
import dev.backchannel.receipts.ReceiptsApi;
import dev.backchannel.relay.PeerKeys;
import dev.backchannel.relay.Relay;
import dev.backchannel.relay.RelayApi;
import dev.backchannel.relay.RelayLinks;
import dev.backchannel.relay.RelaySignatures;
import dev.backchannel.relay.Witness;
import dev.backchannel.server.RequestObserver;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.server.StationServer;
import dev.backchannel.store.Store;
import dev.backchannel.traffic.Drafting;
import dev.backchannel.traffic.Holds;
import dev.backchannel.traffic.Ticker;
import dev.backchannel.traffic.Traffic;
import dev.backchannel.traffic.TrafficApi;
import dev.backchannel.web.AdminPages;
import dev.backchannel.web.DraftPages;
import dev.backchannel.web.WebUi;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The station's one composition root (DESIGN 8): the metrics, the store that reports to them, the
 * feature services and the server that serves their routes, built in that order; and the same
 * services without a server for the commands that work on the station file directly. {@link #start}
 * starts the server, then the metrics; {@link #close} stops them and closes the store, in the
 * reverse order. {@code serve}, {@code demo} and the tests build a station here and nowhere else.
 */
public final class Station implements AutoCloseable {
  private final Store store;
  private final StationServer server;
  private final EventFollower follower;
  private final Checkpointing checkpointing;
  private final RelayLinks links;
  private final Optional<StationMetrics> metrics;
  private boolean started;
  private boolean closed;

  private Station(
      Store store,
      StationServer server,
      EventFollower follower,
      Checkpointing checkpointing,
      RelayLinks links,
      Optional<StationMetrics> metrics) {
    this.store = store;
    this.server = server;
    this.follower = follower;
    this.checkpointing = checkpointing;
    this.links = links;
    this.metrics = metrics;
  }

  /**
   * The station's metrics as the settings ask for them, not started; empty when {@code
   * metrics.port=off}. Made before the store is opened, since the store reports to them ({@link
   * StationMetrics#store}).
   */
  public static Optional<StationMetrics> metrics(ServerConfig config, Clock clock) {
    return config.metricsPort().isPresent()
        ? Optional.of(new StationMetrics(config.metricsPort().getAsInt(), clock))
        : Optional.empty();
  }

  /**
   * Builds a station around an open store and the metrics it reports to: the access policy, the
   * feature services and the server that serves their routes. Nothing is started; from here on the
   * station owns the store and the metrics, and {@link #close} closes them.
   *
   * @param signingKey the station's Ed25519 key, which signs the audit log's checkpoints; without
   *     it, this process serves the log and its proofs but signs nothing
   */
  public static Station build(
      ServerConfig config,
      Store store,
      Clock clock,
      Optional<StationMetrics> metrics,
      Optional<PrivateKey> signingKey) {
    AccessPolicy policy = new AccessPolicy();
    LiveEvents events = new LiveEvents();
    EventFollower follower = new EventFollower(store, new LiveFeed(store, policy), events);
    AuditLog log = new AuditLog(store, policy, signingKey, clock);
    Optional<RelaySignatures.Self> self =
        signingKey.flatMap(
            k ->
                store
                    .station()
                    .map(
                        s ->
                            new RelaySignatures.Self(
                                s.prefix(), k, PeerKeys.parse(s.publicKey()))));
    RelaySignatures signatures = new RelaySignatures(store, self, clock);
    return new Station(
        store,
        server(config, store, clock, metrics, policy, events, follower, log, signatures),
        follower,
        new Checkpointing(log, store, config.checkpoints()),
        new RelayLinks(store, signatures, log, new ObjectMapper(), config.relayBatch()),
        metrics);
  }

  /**
   * The feature services on an open store, for a command that works on the station file directly
   * (DESIGN 5.1).
   *
   * @param hasher how a user's first password is hashed
   */
  public static Services services(Store store, PasswordHasher hasher, Clock clock) {
    AccessPolicy policy = new AccessPolicy();
    return services(store, hasher, policy, new AuditLog(store, policy, Optional.empty(), clock));
  }

  private static Services services(
      Store store, PasswordHasher hasher, AccessPolicy policy, AuditLog log) {
    Facts facts = new Facts(store, policy);
    return new Services(
        new Accounts(store, policy, hasher),
        new Channels(store, policy),
        new Traffic(store, policy, new Drafting(store, policy)),
        new Holds(store, policy),
        new Receipts(store, policy),
        facts,
        new Reading(store, policy, facts),
        log,
        new Relay(store, policy));
  }

  /** The server wired with its features, the metrics (when given) told of what they watch. */
  private static StationServer server(
      ServerConfig config,
      Store store,
      Clock clock,
      Optional<StationMetrics> metrics,
      AccessPolicy policy,
      LiveEvents events,
      EventFollower follower,
      AuditLog log,
      RelaySignatures signatures) {
    PasswordHasher hasher =
        new PasswordHasher(
            config.argon2MemoryKib(), config.argon2Iterations(), 1, config.argon2Parallel());
    Logins logins =
        new Logins(
            store,
            hasher,
            new LoginLimiter(store, config.loginAttemptsPerMinute()),
            clock,
            config.sessionTtl(),
            config.tokenTtl());
    metrics.ifPresent(m -> m.watch(store, events));
    Services services = services(store, hasher, policy, log);
    return new StationServer(
        config,
        logins,
        store,
        List.of(
            new AccountsApi(logins, services.accounts(), config.secureCookies()),
            new ChannelsApi(services.channels()),
            new CablesApi(store, policy, services.facts(), services.reading()),
            new TrafficApi(services.traffic(), services.holds()),
            new ReceiptsApi(services.receipts()),
            new AuditApi(services.audit()),
            new RelayApi(
                services.relay(), new Witness(store, signatures.self(), clock), signatures),
            new WebUi(services, logins, config.secureCookies()),
            new DraftPages(services.traffic(), services.facts()),
            new AdminPages(
                services.accounts(), services.channels(), services.holds(), services.relay()),
            new LiveApi(
                events, follower, metrics.map(StationMetrics::live).orElse(LiveObserver.NONE))),
        new ObjectMapper(),
        new Ticker(store, clock),
        metrics.map(StationMetrics::requests).orElse(RequestObserver.NONE));
  }

  /** A station could not start: which part failed, the cause being what it threw. */
  public static final class StartFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The part that failed. */
    public enum Part {
      SERVER,
      METRICS
    }

    private final Part part;

    StartFailed(Part part, RuntimeException cause) {
      super(
          "the station's " + part.name().toLowerCase(java.util.Locale.ROOT) + " did not start",
          cause);
      this.part = part;
    }

    public Part part() {
      return part;
    }
  }

  /**
   * Starts the server, then the metrics.
   *
   * @throws IllegalStateException if started before or closed
   * @throws StartFailed naming the part that did not start; what had started is stopped again, the
   *     store stays open until {@link #close}
   */
  public synchronized void start() {
    if (closed || started) {
      throw new IllegalStateException(
          closed ? "the station is closed" : "the station is started already");
    }
    started = true;
    StartFailed.Part part = StartFailed.Part.SERVER;
    try {
      follower.start();
      server.start();
      checkpointing.start();
      links.start();
      part = StartFailed.Part.METRICS;
      metrics.ifPresent(StationMetrics::start);
    } catch (RuntimeException e) {
      StartFailed failed = new StartFailed(part, e);
      RuntimeException more = stop(null);
      if (more != null) {
        failed.addSuppressed(more);
      }
      throw failed;
    }
  }

  public Store store() {
    return store;
  }

  public StationServer server() {
    return server;
  }

  /** The metrics; empty with {@code metrics.port=off}. */
  public Optional<StationMetrics> metrics() {
    return metrics;
  }

  /**
   * Stops the metrics and the server, then closes the store; idempotent. Each part is closed
   * whatever the one before did; the first failure is thrown with the others suppressed in it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = stop(null);
    try {
      store.close();
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops the metrics, then the server; answers {@code failure} with what failed added. */
  private RuntimeException stop(RuntimeException failure) {
    List<Runnable> parts = new ArrayList<>();
    metrics.ifPresent(m -> parts.add(m::close));
    parts.add(checkpointing::close);
    parts.add(links::close);
    parts.add(server::close);
    parts.add(follower::close);
    for (Runnable part : parts) {
      try {
        part.run();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    return failure;
  }

  private static RuntimeException add(RuntimeException failure, RuntimeException e) {
    if (failure == null) {
      return e;
    }
    if (failure != e) {
      failure.addSuppressed(e);
    }
    return failure;
  }
}
