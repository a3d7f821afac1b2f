package dev.backchannel.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.service.Refused;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Tiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The routes of the audit log (G8), each calling {@link AuditLog}: the log as C2SP tlog-tiles
 * serves it under {@code /log/} (checkpoint, hash tiles, entry bundles), and JSON under {@code
 * /api/log} (the log's key and latest checkpoint, proofs, entries, receipts' proofs).
 */
public final class AuditApi implements Feature {
  /** How often a verify asked for JSON lines reports its progress, at most. */
  static final Duration PROGRESS_EVERY = Duration.ofMillis(200);

  /** How long an immutable tile may be cached. */
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final AuditLog log;

  public AuditApi(AuditLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/log/checkpoint",
        Guard.PUBLIC,
        "The latest signed checkpoint (C2SP tlog-checkpoint, text/plain)",
        this::checkpointNote);
    r.get(
        "/log/tile/<tile>",
        Guard.PUBLIC,
        "A hash tile (anyone) or an entry bundle (whoever may see all its entries), C2SP tlog-tiles",
        this::tile);
    r.get(
        "/api/log",
        Guard.PUBLIC,
        "The log's origin, verifier key, size and latest checkpoint",
        this::describe);
    r.get("/api/log/checkpoints", Guard.PUBLIC, "Every signed checkpoint", this::checkpoints);
    r.post(
        "/api/log/checkpoints",
        Guard.ADMINISTRATOR,
        "Sign a checkpoint of the log now",
        this::checkpointNow);
    r.post(
        "/api/log/verify",
        Guard.ADMINISTRATOR,
        "Check the whole log against the rows it covers and the signed checkpoints",
        this::verify);
    r.get(
        "/api/log/proofs/inclusion",
        Guard.PUBLIC,
        "The inclusion proof of leaf index in the tree of size leaves (RFC 6962)",
        this::inclusion);
    r.get(
        "/api/log/proofs/consistency",
        Guard.PUBLIC,
        "The consistency proof of the tree of first leaves within that of second (RFC 6962)",
        this::consistency);
    r.get(
        "/api/log/entries/{index}",
        Guard.USER,
        "An entry of the log the caller may see, with its event",
        this::entry);
    r.get(
        "/api/exchanges/{exchange}/cables/{designator}/proof",
        Guard.USER,
        "A self-contained proof of a receipt (?reader=NAME&kind=OPENED), checkable offline",
        this::proof);
  }

  private void checkpointNote(Call call) {
    StoredCheckpoint c =
        log.latest()
            .orElseThrow(() -> Refused.notFound("checkpoint", "the log has no checkpoint yet"));
    call.reply("text/plain; charset=utf-8", utf8(c.note()), "no-cache, max-age=5");
  }

  private void tile(Call call) {
    Tiles.Tile tile;
    try {
      tile = Tiles.parse(call.path("tile"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("tile", e.getMessage());
    }
    byte[] body = tile.entries() ? log.entryBundle(call.caller().reader(), tile) : log.tile(tile);
    call.reply(
        "application/octet-stream", body, tile.entries() ? "private, max-age=31536000" : IMMUTABLE);
  }

  private void describe(Call call) {
    ObjectNode o = call.json().createObjectNode();
    o.put("origin", log.origin());
    o.put("publicKey", log.verifier().text());
    log.latest().ifPresent(c -> o.set("checkpoint", json(call, c)));
    call.reply(o);
  }

  private void checkpoints(Call call) {
    ArrayNode a = call.json().createArrayNode();
    log.checkpoints().forEach(c -> a.add(json(call, c)));
    call.reply(a);
  }

  private void checkpointNow(Call call) {
    call.reply(json(call, log.checkpoint()));
  }

  /**
   * Verifies the log; asked for JSON lines, answers {@code {"checked","total"}} lines at most every
   * {@link #PROGRESS_EVERY} while it works, then {@code {"report":…}}.
   */
  private void verify(Call call) {
    if (!call.wantsLines()) {
      call.reply(VerifyJson.write(call.json(), log.verify(Verify.Progress.NONE)));
      return;
    }
    call.replyLines(
        line -> {
          long[] last = {System.nanoTime()};
          Verify.Report report =
              log.verify(
                  (done, total) -> {
                    long now = System.nanoTime();
                    if (done == total || now - last[0] >= PROGRESS_EVERY.toNanos()) {
                      last[0] = now;
                      line.accept(
                          call.json().createObjectNode().put("checked", done).put("total", total));
                    }
                  });
          ObjectNode answer = call.json().createObjectNode();
          answer.set("report", VerifyJson.write(call.json(), report));
          line.accept(answer);
        });
  }

  private void inclusion(Call call) {
    long index = call.requiredCount("index");
    long size = call.requiredCount("size");
    ObjectNode o = call.json().createObjectNode();
    o.put("index", index);
    o.put("size", size);
    o.set("proof", hashes(call, log.inclusion(index, size)));
    call.reply(o);
  }

  private void consistency(Call call) {
    long first = call.requiredCount("first");
    long second = call.requiredCount("second");
    ObjectNode o = call.json().createObjectNode();
    o.put("first", first);
    o.put("second", second);
    o.set("proof", hashes(call, log.consistency(first, second)));
    call.reply(o);
  }

  private void entry(Call call) {
    long index =
        Call.canonicalNumber(call.path("index"))
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "index", "index must be a number of 0 or more in plain digits"));
    LoggedEvent e = log.entry(call.caller().reader(), index);
    ObjectNode o = call.json().createObjectNode();
    o.put("index", e.index());
    o.put("entry", e.entry().text());
    o.put("kind", e.event().kind());
    o.put("at", e.event().at().toString());
    o.put("actor", e.event().actor());
    call.reply(o);
  }

  private void proof(Call call) {
    ReceiptProof p =
        log.proveReceipt(
            call.caller().reader(),
            call.path("exchange"),
            call.designator("designator"),
            call.query("reader"),
            call.query("kind"));
    call.reply(ProofJson.write(call.json(), p));
  }

  private static ObjectNode json(Call call, StoredCheckpoint c) {
    ObjectNode o = call.json().createObjectNode();
    o.put("size", c.size());
    o.put("at", c.at().toString());
    o.put("note", c.note());
    return o;
  }

  private static ArrayNode hashes(Call call, List<Hash> hashes) {
    ArrayNode a = call.json().createArrayNode();
    hashes.forEach(h -> a.add(Base64.getEncoder().encodeToString(h.bytes())));
    return a;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
