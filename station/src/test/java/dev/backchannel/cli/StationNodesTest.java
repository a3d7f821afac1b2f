package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cli.StationNodes.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code serve} processes on one PostgreSQL database form one station (issue 22): any node
 * takes any request, releases through all of them stay gapless (G1), a reader's live stream on one
 * node hears of what another released, the clockwork runs on one node and moves when that node
 * dies, and a node killed under releases loses nothing it acknowledged (G10).
 */
class StationNodesTest {
  @TempDir Path dir;

  private StationNodes nodes;

  @BeforeEach
  void setUp() {
    nodes = new StationNodes(dir);
  }

  @AfterEach
  void tearDown() {
    nodes.close();
  }

  @Test
  void releasesThroughTwoNodesAreGaplessAndEachStreamOnTheOtherNodeGetsEveryDeliveryOnce()
      throws Exception {
    ServeProcess a = nodes.serve(Map.of());
    ServeProcess b = nodes.serve(Map.of());
    // a token from one node serves on the other
    String kissinger = StationNodes.login(a, "kissinger");
    String haig = StationNodes.login(b, "haig");
    int each = 20;

    List<String> toHaig;
    List<String> toKissinger;
    try (Stream haigOnA = Stream.open(a, haig);
        Stream kissingerOnB = Stream.open(b, kissinger);
        ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<Answer>> released = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        ServeProcess first = i % 2 == 0 ? a : b;
        ServeProcess second = i % 2 == 0 ? b : a;
        released.add(
            threads.submit(
                () ->
                    StationNodes.release(
                        first, second, kissinger, "PRIORITY", "KISSINGER", "HAIG")));
        released.add(
            threads.submit(
                () -> StationNodes.release(second, first, haig, "PRIORITY", "HAIG", "KISSINGER")));
      }
      for (Future<Answer> r : released) {
        assertThat(r.get().status()).as(r.get().body()).isEqualTo(201);
      }
      toHaig = haigOnA.delivered(each, Duration.ofSeconds(30));
      toKissinger = kissingerOnB.delivered(each, Duration.ofSeconds(30));
    }

    assertThat(nodes.serials("HAKTO")).containsExactlyElementsOf(range(each));
    assertThat(nodes.serials("TOHAK")).containsExactlyElementsOf(range(each));
    assertThat(nodes.stationSerials()).containsExactlyElementsOf(range(2 * each));
    assertThat(toHaig)
        .as("Haig's stream on node A: every HAKTO once")
        .hasSize(each)
        .doesNotHaveDuplicates()
        .allMatch(d -> d.startsWith("Hakto "));
    assertThat(toKissinger)
        .as("Kissinger's stream on node B: every TOHAK once")
        .hasSize(each)
        .doesNotHaveDuplicates()
        .allMatch(d -> d.startsWith("Tohak "));
  }

  @Test
  void aLogoutOnOneNodeEndsTheTokenOnEveryNodeAtOnce() throws Exception {
    ServeProcess a = nodes.serve(Map.of());
    ServeProcess b = nodes.serve(Map.of());
    String token = StationNodes.login(a, "haig");
    assertThat(inbox(b, token)).isEqualTo(200);

    assertThat(
            StationNodes.send("POST", b.url() + "/api/logout", Optional.of(token), null).status())
        .isEqualTo(204);

    assertThat(inbox(a, token)).isEqualTo(401);
    assertThat(inbox(b, token)).isEqualTo(401);
  }

  @Test
  void theLoginLimitCountsTheAttemptsMadeThroughEveryNode() throws Exception {
    Map<String, String> three = Map.of("BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE", "3");
    ServeProcess a = nodes.serve(three);
    ServeProcess b = nodes.serve(three);

    assertThat(StationNodes.loginAttempt(a, "haig", "wrong").status()).isEqualTo(401);
    assertThat(StationNodes.loginAttempt(b, "haig", "wrong").status()).isEqualTo(401);
    assertThat(StationNodes.loginAttempt(a, "haig", "wrong").status()).isEqualTo(401);

    Answer fourth = StationNodes.loginAttempt(b, "haig", StationNodes.PASSWORD);
    assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
  }

  @Test
  void whenTheNodeRunningTheClockworkDiesAnEscalationFiresOnceFromTheOther() throws Exception {
    Map<String, String> quick =
        Map.of("BACKCHANNEL_DELIVERY_TICK", "PT0.2S", "BACKCHANNEL_OBJECTIVE_IMMEDIATE", "PT3S");
    ServeProcess a = nodes.serve(quick);
    String holder = awaitClockworkHolder(Optional.empty());
    ServeProcess b = nodes.serve(quick);
    assertThat(nodes.clockworkHolder()).as("the first node keeps the clockwork").contains(holder);

    a.kill();
    String kissinger = StationNodes.login(b, "kissinger");
    String scowcroft = StationNodes.login(b, "scowcroft");
    List<String> escalations;
    try (Stream duty = Stream.open(b, scowcroft)) {
      Answer released = StationNodes.release(b, b, kissinger, "IMMEDIATE", "KISSINGER", "HAIG");
      assertThat(released.status()).as(released.body()).isEqualTo(201);
      escalations = duty.named("escalation", 1, Duration.ofSeconds(30));
      // a second firing would come within a few ticks
      escalations.addAll(duty.named("escalation", 1, Duration.ofSeconds(2)));
    }

    assertThat(nodes.clockworkHolder())
        .as("the clockwork moved to B")
        .isPresent()
        .isNotEqualTo(Optional.of(holder));
    assertThat(escalations).hasSize(1);
    assertThat(
            nodes.query(
                "SELECT count(*) FROM event WHERE kind = 'ESCALATED' AND data LIKE"
                    + " '%\"DUTY_OFFICER\"%'"))
        .containsExactly("1");
  }

  @Test
  void aNodeKilledUnderConcurrentReleasesLosesNothingItAcknowledgedAndLeavesNoGap()
      throws Exception {
    ServeProcess a = nodes.serve(Map.of());
    ServeProcess b = nodes.serve(Map.of());
    String kissinger = StationNodes.login(a, "kissinger");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        ServeProcess through = t % 2 == 0 ? a : b;
        running.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    try {
                      Answer r =
                          StationNodes.release(
                              through, through, kissinger, "ROUTINE", "KISSINGER", "HAIG");
                      if (r.status() == 201) {
                        acknowledged.add(r.json().get("designator").get("text").asText());
                      }
                    } catch (Exception | AssertionError e) {
                      // node A is gone: its clients see the connection fail
                    }
                  }
                  return null;
                }));
      }
      // kill A while the releases are going
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      a.kill();
      for (Future<?> f : running) {
        f.get();
      }
    }

    List<String> stored =
        nodes.query("SELECT 'Hakto ' || c.serial || '/WHS ' || c.station_number FROM cable c");
    assertThat(acknowledged).as("acknowledged releases").hasSizeGreaterThan(40);
    assertThat(stored).containsAll(acknowledged);
    List<Integer> serials = nodes.serials("HAKTO");
    assertThat(serials).containsExactlyElementsOf(range(serials.size()));
    assertThat(nodes.stationSerials()).containsExactlyElementsOf(range(serials.size()));
  }

  private static List<Integer> range(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  private static int inbox(ServeProcess node, String token) throws Exception {
    return StationNodes.send("GET", node.url() + "/api/inbox", Optional.of(token), null).status();
  }

  /** Waits until a session holds the clockwork lock, other than {@code not}; answers its pid. */
  private String awaitClockworkHolder(Optional<String> not) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Optional<String> h = nodes.clockworkHolder();
      if (h.isPresent() && !h.equals(not)) {
        return h.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no node took the clockwork lock within 20 s");
  }

  /** A user's live event stream on one node, read line by line on a thread of its own. */
  private static final class Stream implements AutoCloseable {
    private final java.util.concurrent.BlockingQueue<String[]> events =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread reader;
    private final HttpResponse<java.io.InputStream> response;

    private Stream(HttpResponse<java.io.InputStream> response) {
      this.response = response;
      this.reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                      String name = null;
                      for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("event: ")) {
                          name = line.substring(7);
                        } else if (line.startsWith("data: ") && name != null) {
                          events.add(new String[] {name, line.substring(6)});
                          name = null;
                        }
                      }
                    } catch (java.io.IOException e) {
                      // closed
                    }
                  });
    }

    static Stream open(ServeProcess node, String token) throws Exception {
      HttpResponse<java.io.InputStream> r =
          StationNodes.CLIENT.send(
              HttpRequest.newBuilder(URI.create(node.url() + "/api/events/stream"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      return new Stream(r);
    }

    /** The data of the next {@code n} events of that name, within the timeout (fewer if not). */
    List<String> named(String name, int n, Duration timeout) throws InterruptedException {
      List<String> out = new ArrayList<>();
      long end = System.nanoTime() + timeout.toNanos();
      while (out.size() < n) {
        String[] e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e == null) {
          break;
        }
        if (e[0].equals(name)) {
          out.add(e[1]);
        }
      }
      return out;
    }

    /**
     * The designators of the cables delivered next: {@code n} of them within the timeout, then
     * whatever more arrives within a second (there should be none).
     */
    List<String> delivered(int n, Duration timeout) throws Exception {
      List<String> out = new ArrayList<>();
      for (String data : named("delivered", n, timeout)) {
        out.add(StationNodes.JSON.readTree(data).get("designator").get("text").asText());
      }
      for (String data : named("delivered", Integer.MAX_VALUE, Duration.ofSeconds(1))) {
        out.add(StationNodes.JSON.readTree(data).get("designator").get("text").asText());
      }
      return out;
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (java.io.IOException e) {
        // gone already
      }
      reader.interrupt();
    }
  }
}
