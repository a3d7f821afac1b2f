package dev.backchannel.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.cable.Precedence;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.RelayRepository.Ack;
import dev.backchannel.store.RelayRepository.EscalationReport;
import dev.backchannel.store.RelayRepository.Outgoing;
import dev.backchannel.store.RelayRepository.Report;
import dev.backchannel.store.RelayRepository.Reports;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.tlog.Cosignature;
import dev.backchannel.tlog.SignedNote;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of every link (issue 25): on threads of their own, in the process that leads the
 * clockwork. The bulk lane sends each peer whose link is up the first cables of its outbox (by
 * precedence, then release time), takes them out of the outbox once the peer's signed answer
 * acknowledges them, reports back the receipts and escalations given here to cables received from
 * that peer, and asks it to cosign this station's latest checkpoint. The FLASH lane sends FLASH
 * OVERRIDE and FLASH cables in requests of their own, so that one released behind a queue waits for
 * no batch of lower precedence. A peer that does not answer is tried again with back-off, and its
 * link shows it unreachable until it answers.
 */
public final class RelayLinks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelayLinks.class);

  /** A request's body stays under this many bytes (the peer's limit is 1 MiB by default). */
  static final int MAX_BYTES = 768 * 1024;

  /** At most this many FLASH cables in one request of the FLASH lane. */
  static final int FLASH_BATCH = 10;

  /** How many audit-log entries are looked through for receipts to report at a time. */
  static final int REPORT_WINDOW = 500;

  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration LAST_RETRY = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofMillis(250);

  private final int batch;
  private final Store store;
  private final AuditLog log;
  private final RelaySignatures signatures;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Object signal = new Object();
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();

  /** The size a peer's witness said it stands at, where this station's record differs. */
  private final Map<String, Long> witnessAt = new HashMap<>();

  private boolean woken;
  private boolean flashWoken;
  private Thread flashLane;
  private volatile boolean closed;
  private Thread thread;
  private AutoCloseable listening;

  /** When a peer that did not answer is tried next, and how long the wait after that. */
  private record Retry(long at, Duration next) {}

  /**
   * @param batch at most how many cables go in one request
   */
  public RelayLinks(
      Store store, RelaySignatures signatures, AuditLog log, ObjectMapper json, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch: at least 1 cable a request, not " + batch);
    }
    this.batch = batch;
    this.store = Objects.requireNonNull(store, "store");
    this.log = Objects.requireNonNull(log, "log");
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    this.json = Objects.requireNonNull(json, "json");
    // HTTP/1.1 on a kept connection: the station serves no HTTP/2, and asking to upgrade each
    // request would cost a round trip for nothing
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Starts sending; nothing without this station's key. */
  public synchronized void start() {
    if (closed || thread != null || signatures.self().isEmpty()) {
      return;
    }
    listening = store.whenCommitted(this::wake);
    thread = Thread.ofPlatform().name("relay").daemon(true).start(this::run);
    flashLane = Thread.ofPlatform().name("relay-flash").daemon(true).start(this::runFlashLane);
  }

  private void wake() {
    synchronized (signal) {
      woken = true;
      flashWoken = true;
      signal.notifyAll();
    }
  }

  /**
   * The FLASH lane: FLASH OVERRIDE and FLASH cables go to an up peer in requests of their own,
   * beside the bulk lane's, so that one released while a batch of lower precedence is in flight
   * waits for no batch. A cable that both lanes send is stored once by the peer and acknowledged
   * once here. The bulk lane reports the link's state and backs off; this lane tries a peer the
   * bulk lane backs off from no sooner.
   */
  private void runFlashLane() {
    while (!closed) {
      boolean busy = false;
      boolean none = false;
      try {
        if (store.leadsClockwork()) {
          List<PeerInfo> peers = store.peers();
          none = peers.isEmpty();
          for (PeerInfo p : peers) {
            Retry retry = retries.get(p.name());
            if (p.up() && (retry == null || System.currentTimeMillis() >= retry.at())) {
              List<Outgoing> urgent = store.outbox(p.name(), FLASH_BATCH, Precedence.FLASH);
              if (!urgent.isEmpty()) {
                send(p, urgent);
                busy = true;
              }
            }
          }
        }
      } catch (LinkFailed | RuntimeException e) {
        if (closed) {
          return;
        }
        // the bulk lane tries the same peer, reports the failure and backs off
        busy = false;
      }
      if (!busy && !idle(none, true)) {
        return;
      }
    }
  }

  /**
   * Waits for a commit, or {@link #IDLE} at most, then clears the lane's flag; answers false when
   * interrupted (the lane stops). With no peer, commits are no news: the peers are read again now
   * and then only.
   */
  private boolean idle(boolean none, boolean flash) {
    synchronized (signal) {
      if ((none || !(flash ? flashWoken : woken)) && !closed) {
        try {
          signal.wait(IDLE.toMillis());
        } catch (InterruptedException e) {
          return false;
        }
      }
      if (flash) {
        flashWoken = false;
      } else {
        woken = false;
      }
      return true;
    }
  }

  private void run() {
    while (!closed) {
      boolean busy = false;
      boolean none = false;
      try {
        if (store.leadsClockwork()) {
          List<PeerInfo> peers = store.peers();
          none = peers.isEmpty();
          for (PeerInfo p : peers) {
            busy |= serve(p);
          }
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("the relay could not read its outbox; it tries again", e);
      }
      if (!busy && !idle(none, false)) {
        return;
      }
    }
  }

  /** Sends a peer what waits for it, once; answers whether anything was sent. */
  private boolean serve(PeerInfo peer) {
    if (!peer.up()) {
      retries.remove(peer.name());
      return false;
    }
    Retry retry = retries.get(peer.name());
    if (retry != null && System.currentTimeMillis() < retry.at()) {
      return false;
    }
    try {
      boolean sent = sendCables(peer) | sendReports(peer) | cosign(peer);
      if (peer.unreachableSince().isPresent() || peer.lastError().isPresent()) {
        store.linkAnswered(peer.name(), Optional.empty());
      }
      retries.remove(peer.name());
      return sent;
    } catch (LinkFailed e) {
      if (closed) {
        return false;
      }
      Duration wait = retry == null ? FIRST_RETRY : retry.next();
      long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 4 + 1);
      retries.put(
          peer.name(),
          new Retry(
              System.currentTimeMillis() + wait.toMillis() + jitter,
              wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2)));
      if (!peer.lastError().equals(Optional.of(e.getMessage()))) {
        LOG.warn("the link to {} failed: {}", peer.name(), e.getMessage());
      }
      store.linkAnswered(peer.name(), Optional.of(e.getMessage()));
      return false;
    }
  }

  private boolean sendCables(PeerInfo peer) throws LinkFailed {
    List<Outgoing> waiting = store.outbox(peer.name(), batch);
    if (waiting.isEmpty()) {
      return false;
    }
    send(peer, waiting);
    return true;
  }

  /** Sends the first of these cables that fit one request; takes them out once acknowledged. */
  private void send(PeerInfo peer, List<Outgoing> waiting) throws LinkFailed {
    ObjectNode body = json.createObjectNode();
    ArrayNode cables = body.putArray("cables");
    List<Outgoing> sent = new ArrayList<>();
    int bytes = 0;
    for (Outgoing o : waiting) {
      int size = o.canonical().length() * 3 + 512;
      if (!sent.isEmpty() && bytes + size > MAX_BYTES) {
        break;
      }
      bytes += size;
      sent.add(o);
      cables
          .addObject()
          .put("exchange", o.exchange())
          .put("canonical", o.canonical())
          .put("sha256", o.sha256())
          .put("seen", o.seen())
          .put("releasedAt", o.releasedAt().toString())
          .put("releaser", o.releaser());
    }
    JsonNode answer = post(peer, RelayApi.CABLES, body);
    JsonNode received = answer.path("received");
    if (!received.isArray() || received.size() != sent.size()) {
      throw new LinkFailed(
          peer.name() + " acknowledged " + received.size() + " of " + sent.size() + " cables");
    }
    List<Ack> acks = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      JsonNode r = received.get(i);
      if (!r.path("designator").asText().equals(sent.get(i).designator())) {
        throw new LinkFailed(
            peer.name()
                + " acknowledged "
                + r.path("designator").asText()
                + " where "
                + sent.get(i).designator()
                + " was sent");
      }
      acks.add(new Ack(sent.get(i).cableId(), r.path("number").asInt()));
    }
    store.acknowledge(peer.name(), acks);
  }

  private boolean sendReports(PeerInfo peer) throws LinkFailed {
    long after = store.reportsSent(peer.name());
    Reports found = store.reports(peer.name(), after, REPORT_WINDOW);
    if (found.upTo() == after) {
      return false;
    }
    if (!found.reports().isEmpty() || !found.escalations().isEmpty()) {
      ObjectNode body = json.createObjectNode();
      ArrayNode escalations = body.putArray("escalations");
      for (EscalationReport e : found.escalations()) {
        ObjectNode o =
            escalations
                .addObject()
                .put("index", e.index())
                .put("exchange", e.exchange())
                .put("series", e.series().name())
                .put("serial", e.serial())
                .put("stage", e.stage().name())
                .put("at", e.at().toString());
        e.late().forEach(o.putArray("late")::add);
      }
      ArrayNode list = body.putArray("reports");
      for (Report r : found.reports()) {
        ObjectNode o =
            list.addObject()
                .put("index", r.index())
                .put("exchange", r.exchange())
                .put("series", r.series().name())
                .put("serial", r.serial())
                .put("reader", r.reader())
                .put("kind", r.kind().name())
                .put("at", r.at().toString())
                .put("client", r.client());
        r.by().ifPresent(b -> o.put("by", b));
      }
      post(peer, RelayApi.REPORTS, body);
    }
    // entries with nothing for this peer are passed over as those it acknowledged are
    store.reportsAcknowledged(peer.name(), found.upTo());
    return !found.reports().isEmpty()
        || !found.escalations().isEmpty()
        || found.upTo() - after >= REPORT_WINDOW;
  }

  /**
   * Asks the peer to cosign this station's latest checkpoint when it has not yet (C2SP
   * tlog-witness's add-checkpoint, with a consistency proof from the last it cosigned); keeps the
   * cosignature once it verifies with the peer's key.
   */
  private boolean cosign(PeerInfo peer) throws LinkFailed {
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    if (latest.isEmpty() || latest.get().size() <= peer.cosigned()) {
      return false;
    }
    long size = latest.get().size();
    long old = witnessAt.getOrDefault(peer.name(), peer.cosigned());
    if (old > size) {
      throw new LinkFailed(
          peer.name() + " cosigned a checkpoint of " + old + " entries, more than this log holds");
    }
    ObjectNode body = json.createObjectNode().put("old", old);
    ArrayNode proof = body.putArray("proof");
    if (old > 0) {
      log.consistency(old, size)
          .forEach(h -> proof.add(Base64.getEncoder().encodeToString(h.bytes())));
    }
    String note = latest.get().note();
    body.put("checkpoint", note);
    JsonNode answer;
    try {
      answer = post(peer, RelayApi.ADD_CHECKPOINT, body);
    } catch (Refusal r) {
      if (r.status() == 409 && r.body().path("code").asText().equals("OLD_SIZE")) {
        // the witness stands elsewhere (a cosignature whose answer was lost): ask again from there
        witnessAt.put(peer.name(), r.body().at("/size/0").asLong());
        return true;
      }
      throw r;
    }
    String line = answer.path("cosignature").asText();
    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
    if (Cosignature.verify(
            text,
            line,
            Witness.name(peer.name()),
            SignedNote.rawPublicKey(PeerKeys.parse(peer.publicKey())))
        .isEmpty()) {
      throw new LinkFailed(peer.name() + "'s cosignature does not verify with its key");
    }
    store.keepCosignature(peer.name(), size, java.time.Instant.now(), line);
    witnessAt.remove(peer.name());
    return true;
  }

  /** Posts a signed request to a peer; answers its body once its signed answer checks. */
  private JsonNode post(PeerInfo peer, String path, ObjectNode body) throws LinkFailed {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("could not write a relay request", e);
    }
    Map<String, String> headers = signatures.signRequest("POST", path, bytes);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(peer.url() + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new LinkFailed(
          peer.name() + " does not answer at " + peer.url() + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkFailed("the relay was stopped", e);
    }
    if (response.statusCode() != 200) {
      JsonNode refused = errorBody(response.body());
      throw new Refusal(
          peer.name()
              + " refused: "
              + response.statusCode()
              + " "
              + refused.path("code").asText()
              + " "
              + refused.path("field").asText()
              + ": "
              + refused.path("message").asText(),
          response.statusCode(),
          refused);
    }
    try {
      signatures.verifyAnswer(
          peer,
          headers,
          response.statusCode(),
          response.headers().firstValue("Signature-Input"),
          response.headers().firstValue("Signature"),
          response.headers().firstValue("Content-Digest"),
          response.body());
      return json.readTree(response.body());
    } catch (HttpSignatures.Refused e) {
      throw new LinkFailed("the answer from " + peer.name() + " is refused: " + e.getMessage());
    } catch (IOException e) {
      throw new LinkFailed("the answer from " + peer.name() + " is not JSON", e);
    }
  }

  /** A peer's error answer as JSON; one that is not JSON, as its text in {@code message}. */
  private JsonNode errorBody(byte[] body) {
    try {
      JsonNode e = json.readTree(body);
      if (e != null && e.isObject()) {
        return e;
      }
    } catch (IOException e) {
      // not JSON: its text is the message
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return json.createObjectNode()
        .put("message", text.length() > 200 ? text.substring(0, 200) : text);
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** A request to a peer did not go through: why, in words for the link's status. */
  private static class LinkFailed extends Exception {
    private static final long serialVersionUID = 1L;

    LinkFailed(String message) {
      super(message);
    }

    LinkFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A peer answered, refusing: its status and error body. */
  private static final class Refusal extends LinkFailed {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient JsonNode body;

    Refusal(String message, int status, JsonNode body) {
      super(message);
      this.status = status;
      this.body = body;
    }

    int status() {
      return status;
    }

    JsonNode body() {
      return body;
    }
  }

  /** Stops sending; idempotent. A request in flight is abandoned, and sent again after a start. */
  @Override
  public void close() {
    List<Thread> lanes = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (thread != null) {
        lanes.add(thread);
        lanes.add(flashLane);
      }
    }
    wake();
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception e) {
        LOG.warn("could not stop listening to commits", e);
      }
    }
    for (Thread t : lanes) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.close();
  }
}
