package dev.backchannel.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Series;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station's Prometheus metrics, scraped from their own loopback listener after real traffic
 * through the API: what they count, and that they tell no one of a cable, a user or an exchange
 * (G3).
 */
class StationMetricsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Words that stand only in the cables' text: never in a label or a value. */
  private static final List<String> CONTENT = List.of("THIEUREPLY", "ZEBRAWORDS", "SAIGON");

  @TempDir Path dir;

  private TestStation station;

  @AfterEach
  void tearDown() {
    if (station != null) {
      station.close();
    }
  }

  /** What one scrape answered. */
  private record Scrape(int status, String contentType, String body) {}

  private static Scrape scrape(String url, String method) throws IOException, InterruptedException {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Scrape(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private String scrape() throws IOException, InterruptedException {
    Scrape s = scrape(station.metrics.orElseThrow().url(), "GET");
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    return s.body();
  }

  /**
   * Channel SAIGONLINK (ends HAKEND and HOUSEEND), exchange NOVEMBERTALKS (HAKTO and TOHAK); users
   * who appear in no label: kissinger releases from HAKEND, haig and scowcroft read at HOUSEEND.
   */
  private void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    s.createChannel("SAIGONLINK", "HAKEND", "HOUSEEND", "admin");
    s.createExchange(
        new NewExchange(
            "SAIGONLINK",
            "NOVEMBERTALKS",
            new NewExchange.SeriesEnd(new Series("HAKTO"), "HAKEND"),
            new NewExchange.SeriesEnd(new Series("TOHAK"), "HOUSEEND")),
        "admin");
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("scowcroft", Classification.TOP_SECRET, Set.of(), Role.DUTY_OFFICER);
    s.putMember("SAIGONLINK", "HAKEND", "kissinger", true, "admin");
    s.putMember("SAIGONLINK", "HOUSEEND", "haig", true, "admin");
    s.putMember("SAIGONLINK", "HOUSEEND", "scowcroft", false, "admin");
  }

  private static void release(Http who, String precedence, String label, String body) {
    Http.Answer d =
        who.post(
            "/api/drafts",
            "{\"exchange\":\"NOVEMBERTALKS\",\"text\":\""
                + precedence
                + "\\n"
                + label
                + "\\nFROM: KISSINGER (SAIGON)\\nTO: HAIG\\nSUBJ: ZEBRAWORDS\\n\\n1. "
                + body
                + "\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r = who.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /**
   * A FLASH eyes-only cable seen live and opened by haig, a ROUTINE one held at his end, a look at
   * a user and at a path no route has; returns a scrape taken while haig's stream is still open.
   */
  private String traffic() throws IOException, InterruptedException {
    Http kissinger = station.token("kissinger");
    Http haig = station.token("haig");
    Http scowcroft = station.token("scowcroft");
    try (Http.Stream stream = haig.stream("/api/events/stream")) {
      assertThat(stream.status()).isEqualTo(200);
      release(kissinger, "FLASH", "TOP SECRET EXCLUSIVELY EYES ONLY", "THIEUREPLY IS HARD.");
      assertThat(stream.next("delivered", Duration.ofSeconds(10))).contains("Hakto 1");
      assertThat(haig.get("/api/exchanges/NOVEMBERTALKS/cables/Hakto%201").status()).isEqualTo(200);
      assertThat(scowcroft.put("/api/channels/SAIGONLINK/ends/HOUSEEND/hold", null).status())
          .isEqualTo(200);
      release(kissinger, "ROUTINE", "TOP SECRET", "THIEUREPLY AGAIN.");
      assertThat(station.token("admin").get("/api/users/kissinger").status()).isEqualTo(200);
      assertThat(haig.get("/api/exchanges/NOVEMBERTALKS/cables/HAKTO%201/nothing").status())
          .isEqualTo(404);
      return scrape();
    }
  }

  @Test
  void aScrapeAfterRealTrafficCountsReleasesCommitsTheQueueLiveReadersRoutesAndTheJvm()
      throws IOException, InterruptedException {
    setUp();

    String metrics = traffic();

    assertThat(metrics)
        .contains("backchannel_releases_total{precedence=\"FLASH\"} 1.0")
        .contains("backchannel_releases_total{precedence=\"ROUTINE\"} 1.0")
        .contains("backchannel_releases_total{precedence=\"IMMEDIATE\"} 0.0")
        .contains("backchannel_store_commit_tasks_count ")
        .contains("backchannel_store_commit_tasks_sum ")
        .contains("backchannel_store_commit_seconds_count ")
        .contains("backchannel_store_transaction_seconds_count ")
        .as("the ROUTINE cable waits for haig and scowcroft at the held end")
        .contains("backchannel_delivery_queued{precedence=\"ROUTINE\"} 2.0")
        .contains("backchannel_delivery_queued{precedence=\"FLASH\"} 0.0")
        .contains("backchannel_live_readers 1.0")
        .contains("backchannel_live_latency_seconds_count{precedence=\"FLASH\"} 1")
        .contains("backchannel_live_latency_seconds_bucket{precedence=\"FLASH\",le=\"0.001\"} 1")
        .contains("backchannel_live_latency_seconds_bucket{precedence=\"FLASH\",le=\"10.0\"} 1")
        .contains(
            "backchannel_http_requests_seconds_count{method=\"POST\","
                + "route=\"/api/drafts/{id}/release\",status=\"201\"} 2")
        .contains(
            "backchannel_http_requests_seconds_count{method=\"GET\","
                + "route=\"/api/exchanges/{exchange}/cables/{designator}\",status=\"200\"} 1")
        .contains(
            "backchannel_http_requests_seconds_count{method=\"GET\","
                + "route=\"/api/users/{name}\",status=\"200\"} 1")
        .contains(
            "backchannel_http_requests_seconds_count{method=\"GET\",route=\"unmatched\","
                + "status=\"404\"} 1")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads ")
        .contains("jvm_gc_")
        .contains("system_cpu_count ");
    assertThat(count(metrics, "backchannel_store_commit_tasks_sum"))
        .as("every change of the traffic went through a commit")
        .isGreaterThanOrEqualTo(count(metrics, "backchannel_store_commit_tasks_count"))
        .isPositive();
  }

  @Test
  void aScrapeNamesNoUserEndChannelExchangeDesignatorOrContent()
      throws IOException, InterruptedException {
    setUp();

    String metrics = traffic() + scrape();

    String lower = metrics.toLowerCase(Locale.ROOT);
    for (String word :
        List.of(
            "kissinger",
            "haig",
            "scowcroft",
            "saigonlink",
            "hakend",
            "houseend",
            "novembertalks",
            "hakto",
            "tohak",
            "eyes only",
            "whs 1")) {
      assertThat(lower).as("the scrape names %s", word).doesNotContain(word);
    }
    for (String word : CONTENT) {
      assertThat(lower).doesNotContain(word.toLowerCase(Locale.ROOT));
    }
    assertThat(metrics).doesNotContain("HAKTO 1", "Hakto 1", "Hakto%201", "HAKTO%201");
  }

  @Test
  void theListenerIsBoundToTheLoopbackAddressAndAnswersOnlyThere() throws IOException {
    station = TestStation.start(dir);
    InetSocketAddress bound = station.metrics.orElseThrow().address();

    assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
    assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(station.metrics.orElseThrow().url())
        .isEqualTo("http://127.0.0.1:" + bound.getPort() + "/metrics");
    assertThat(bound.getPort()).isNotEqualTo(station.server.port());
    for (InetAddress other : otherAddresses()) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(
                () -> socket.connect(new InetSocketAddress(other, bound.getPort()), 2_000))
            .as("connecting through %s", other)
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  /** This machine's IPv4 addresses other than loopback (there may be none). */
  private static List<InetAddress> otherAddresses() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .toList();
  }

  @Test
  void metricsOffMeansNoMetricsAndNoListener() {
    station = TestStation.start(dir, Map.of("metrics.port", "off"));

    assertThat(station.metrics).isEmpty();
    assertThat(station.anonymous().get("/metrics").status())
        .as("nor are they on the API's port")
        .isEqualTo(404);
  }

  @Test
  void theApiPortServesNoMetrics() {
    station = TestStation.start(dir);

    assertThat(station.anonymous().get("/metrics").status()).isEqualTo(404);
  }

  @Test
  void onlyTheMetricsPathIsAnsweredAndOnlyToGetAndHead() throws IOException, InterruptedException {
    station = TestStation.start(dir);
    String url = station.metrics.orElseThrow().url();

    Scrape get = scrape(url, "GET");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(get.body()).contains("# TYPE backchannel_releases_total counter");
    Scrape head = scrape(url, "HEAD");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(scrape(url, "POST").status()).isEqualTo(405);
    assertThat(scrape(url.replace("/metrics", "/"), "GET").status()).isEqualTo(404);
    assertThat(scrape(url + "/x", "GET").status()).isEqualTo(404);
  }

  @Test
  void aPortInUseFailsTheStartNamingTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        StationMetrics metrics = new StationMetrics(taken.getLocalPort(), Clock.systemUTC())) {
      assertThatThrownBy(metrics::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot serve the metrics on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void startingTwiceIsRefusedAndCloseIsIdempotent() {
    StationMetrics metrics = new StationMetrics(0, Clock.systemUTC());
    metrics.start();

    assertThatThrownBy(metrics::start).isInstanceOf(IllegalStateException.class);
    metrics.close();
    metrics.close();
    assertThatThrownBy(metrics::start).isInstanceOf(IllegalStateException.class);
  }

  /** The value of an unlabelled sample line, e.g. {@code name 12.0}. */
  private static double count(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in the scrape"));
  }
}
