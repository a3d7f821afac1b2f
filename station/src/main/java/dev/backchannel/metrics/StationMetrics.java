package dev.backchannel.metrics;

import dev.backchannel.cable.Precedence;
import dev.backchannel.live.LiveEvents;
import dev.backchannel.live.LiveObserver;
import dev.backchannel.server.RequestObserver;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.RelayRepository;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The station's Prometheus metrics (DESIGN 6): Micrometer's Prometheus registry, the observers that
 * feed it, and the loopback listener that serves it ({@link MetricsEndpoint}).
 *
 * <p>Every label comes from a closed set: a precedence, a route's registered pattern, an HTTP
 * method and status. No user, designator, channel, exchange or content reaches a label or a value
 * (G3): the observers are never told them.
 *
 * <p>Nothing starts in the constructor: {@link #start} binds the JVM's meters and the listener;
 * {@link #close} stops both and is idempotent.
 */
public final class StationMetrics implements AutoCloseable {
  /**
   * The release-to-live latency's buckets, 1 ms to 10 s, finer around the FLASH target (DESIGN 7:
   * p99 under 50 ms, no trial over 100 ms).
   */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(75),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final MetricsEndpoint endpoint;
  private final Map<Precedence, Counter> releases = new EnumMap<>(Precedence.class);
  private final Map<Precedence, Timer> latency = new EnumMap<>(Precedence.class);
  private final DistributionSummary commitTasks;
  private final Timer commitTime;
  private final Timer transactionTime;
  private final Meter.MeterProvider<Timer> requestTime;
  private volatile Optional<Store> queueSource = Optional.empty();
  private volatile Map<Precedence, Long> queued = zeroes();
  private final MultiGauge relayQueued;
  private final MultiGauge relayLink;
  private final MultiGauge relayOldest;
  private final MultiGauge relayLastAck;
  private final MultiGauge relayCosigned;
  private final MultiGauge relayAlarm;
  private JvmGcMetrics gc;
  private boolean started;
  private boolean closed;

  /**
   * @param port the loopback port to serve {@code /metrics} on; 0 picks a free one
   * @param clock the station's clock, which stamps releases: latencies are measured against it
   * @throws IllegalArgumentException if the port is not 0 to 65535
   */
  public StationMetrics(int port, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.endpoint = new MetricsEndpoint(port, this::scrape);
    for (Precedence p : Precedence.values()) {
      releases.put(
          p,
          Counter.builder("backchannel.releases")
              .description("Cables released, durable and numbered")
              .tag("precedence", p.name())
              .register(registry));
      latency.put(
          p,
          Timer.builder("backchannel.live.latency")
              .description(
                  "From a cable's release to its delivered event written to a reader's live"
                      + " stream (a held cable counts its hold)")
              .tag("precedence", p.name())
              .serviceLevelObjectives(LATENCY_BUCKETS)
              .minimumExpectedValue(LATENCY_BUCKETS[0])
              .maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1])
              .register(registry));
      Gauge.builder("backchannel.delivery.queued", this, m -> m.queued.get(p))
          .description(
              "Deliveries to readers queued and not yet made (held end, opening of business),"
                  + " read from the store at each scrape")
          .tag("precedence", p.name())
          .register(registry);
    }
    relayQueued =
        MultiGauge.builder("backchannel.relay.queued")
            .description("Cables waiting in the outbox for a peer station, by precedence")
            .register(registry);
    relayLink =
        MultiGauge.builder("backchannel.relay.link")
            .description("1 for each peer's link in its state now (up, down, unreachable)")
            .register(registry);
    relayOldest =
        MultiGauge.builder("backchannel.relay.oldest.seconds")
            .description("How long the oldest cable waiting for a peer has waited since release")
            .register(registry);
    relayLastAck =
        MultiGauge.builder("backchannel.relay.last.ack.seconds")
            .description("How long since a peer last acknowledged a cable")
            .register(registry);
    relayCosigned =
        MultiGauge.builder("backchannel.relay.cosigned.size")
            .description("The size of this station's latest checkpoint a peer cosigned")
            .register(registry);
    relayAlarm =
        MultiGauge.builder("backchannel.relay.witness.alarm")
            .description("1 when a peer's audit log failed this station's check as its witness")
            .register(registry);
    commitTasks =
        DistributionSummary.builder("backchannel.store.commit.tasks")
            .description("Changes per committed store transaction (group commit)")
            .register(registry);
    commitTime =
        Timer.builder("backchannel.store.commit")
            .description("The COMMIT of a store transaction: SQLite's WAL write and fsync")
            .register(registry);
    transactionTime =
        Timer.builder("backchannel.store.transaction")
            .description("A store transaction from BEGIN to the end of its COMMIT")
            .register(registry);
    requestTime =
        Timer.builder("backchannel.http.requests")
            .description("HTTP requests of the API, by route pattern (never the path asked for)")
            .withRegistry(registry);
  }

  private static Map<Precedence, Long> zeroes() {
    Map<Precedence, Long> z = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      z.put(p, 0L);
    }
    return z;
  }

  /** What the store reports: commits (tasks, COMMIT and transaction time) and releases. */
  public StoreObserver store() {
    return new StoreObserver() {
      @Override
      public void committed(int tasks, long transactionNanos, long commitNanos) {
        commitTasks.record(tasks);
        commitTime.record(commitNanos, TimeUnit.NANOSECONDS);
        transactionTime.record(transactionNanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public void released(Precedence precedence) {
        releases.get(precedence).increment();
      }
    };
  }

  /** What the live streams report: the release-to-live latency of each delivered event. */
  public LiveObserver live() {
    return released -> {
      Duration took = Duration.between(released.at(), clock.instant());
      // a clock set back since the release leaves no latency to tell
      if (!took.isNegative()) {
        latency.get(released.precedence()).record(took);
      }
    };
  }

  /** What the HTTP server reports: each request's time, by method, route pattern and status. */
  public RequestObserver requests() {
    return (method, route, status, nanos) ->
        requestTime
            .withTags("method", method, "route", route, "status", Integer.toString(status))
            .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Adds the gauges read at each scrape: the delivery queue's depth by precedence (one grouped
   * query of the store) and the open live streams.
   *
   * @throws IllegalStateException if called before
   */
  public synchronized void watch(Store store, LiveEvents events) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(events, "events");
    if (queueSource.isPresent()) {
      throw new IllegalStateException("the metrics watch one store and one live feed; they do");
    }
    queueSource = Optional.of(store);
    Gauge.builder("backchannel.live.readers", events, LiveEvents::streams)
        .description("Live event streams open now")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Binds the JVM's meters (memory, GC, threads, processor) and starts serving {@code /metrics} on
   * the loopback address.
   *
   * @throws IllegalStateException if started before or closed
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("the metrics can be started once; they were already");
    }
    started = true;
    endpoint.start();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  /** Where {@code /metrics} is served: the loopback address and its port, once started. */
  public InetSocketAddress address() {
    return endpoint.address();
  }

  /** The URL of {@code /metrics}, once started: {@code http://127.0.0.1:9464/metrics}. */
  public String url() {
    InetSocketAddress a = address();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + MetricsEndpoint.PATH;
  }

  /**
   * The metrics in Prometheus's text format, with the delivery queue read from the store now.
   *
   * @throws dev.backchannel.store.StoreException if the store cannot be read
   */
  public String scrape() {
    queueSource.ifPresent(
        s -> {
          queued = s.queuedDeliveries();
          relay(s);
        });
    return registry.scrape();
  }

  /** The links to peer stations as the store has them now (issue 25). */
  private void relay(Store store) {
    List<MultiGauge.Row<?>> queuedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> linkRows = new ArrayList<>();
    List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
    List<MultiGauge.Row<?>> ackRows = new ArrayList<>();
    List<MultiGauge.Row<?>> cosignedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> alarmRows = new ArrayList<>();
    Instant now = clock.instant();
    for (PeerInfo p : store.peers()) {
      RelayRepository.Queue q = store.queue(p.name());
      for (Precedence pr : Precedence.values()) {
        queuedRows.add(
            MultiGauge.Row.of(
                Tags.of("peer", p.name(), "precedence", pr.name()),
                q.depth().getOrDefault(pr, 0L)));
      }
      linkRows.add(
          MultiGauge.Row.of(
              Tags.of("peer", p.name(), "state", p.state().name().toLowerCase(Locale.ROOT)), 1));
      oldestRows.add(
          MultiGauge.Row.of(
              Tags.of("peer", p.name()),
              q.oldest().map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0)));
      p.lastAck()
          .ifPresent(
              t ->
                  ackRows.add(
                      MultiGauge.Row.of(
                          Tags.of("peer", p.name()),
                          Duration.between(t, now).toMillis() / 1000.0)));
      cosignedRows.add(MultiGauge.Row.of(Tags.of("peer", p.name()), p.cosigned()));
      alarmRows.add(
          MultiGauge.Row.of(Tags.of("peer", p.name()), p.witnessAlarm().isPresent() ? 1 : 0));
    }
    relayQueued.register(queuedRows, true);
    relayLink.register(linkRows, true);
    relayOldest.register(oldestRows, true);
    relayLastAck.register(ackRows, true);
    relayCosigned.register(cosignedRows, true);
    relayAlarm.register(alarmRows, true);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    endpoint.close();
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
