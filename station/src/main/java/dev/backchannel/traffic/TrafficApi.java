package dev.backchannel.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.json.CableJson;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The routes of traffic: drafts of an end, approval and release (G1, G5), the caller's inbox, and
 * end holds (DESIGN 5.2). Each calls {@link Traffic} or {@link Holds}, which hold the rules.
 */
public final class TrafficApi implements Feature {
  private final Traffic traffic;
  private final Holds holds;

  public TrafficApi(Traffic traffic, Holds holds) {
    this.traffic = Objects.requireNonNull(traffic, "traffic");
    this.holds = Objects.requireNonNull(holds, "holds");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/drafts",
        Guard.USER,
        "The drafts of the caller's ends that he may read",
        this::drafts);
    r.post(
        "/api/drafts",
        Guard.USER,
        "Save a new draft (canonical draft text) for an exchange",
        this::create);
    r.get("/api/drafts/{id}", Guard.USER, "One draft", this::draft);
    r.put("/api/drafts/{id}", Guard.USER, "Save a new text of a draft", this::update);
    r.delete("/api/drafts/{id}", Guard.USER, "Discard a draft", this::discard);
    r.post(
        "/api/drafts/{id}/approve",
        Guard.USER,
        "Approve a draft as the second person its end requires",
        this::approve);
    r.post(
        "/api/drafts/{id}/release",
        Guard.USER,
        "Release a draft; answers 409 RELEASE_WARNING unless confirmed when G5 asks",
        this::release);
    r.post(
        "/api/exchanges/{exchange}/cables",
        Guard.USER,
        "Release a text without a saved draft: one request instead of two, the same rules",
        this::releaseText);
    r.get(
        "/api/inbox",
        Guard.USER,
        "Envelopes of the cables delivered to the caller, by precedence then most recent",
        this::inbox);
    r.put(
        "/api/channels/{channel}/ends/{end}/hold",
        Guard.USER,
        "Hold all incoming delivery to an end (its duty officer or an administrator)",
        this::hold);
    r.delete(
        "/api/channels/{channel}/ends/{end}/hold",
        Guard.USER,
        "Resume delivery to an end: held cables go out by precedence then release time",
        this::resume);
  }

  private static long id(Call call) {
    // a draft has one name: 7, not 07 or +7
    return Call.canonicalNumber(call.path("id"))
        .orElseThrow(() -> ApiException.notFound("draft", "there is no draft " + call.path("id")));
  }

  private void drafts(Call call) {
    ArrayNode a = call.json().createArrayNode();
    traffic.drafts(call.caller().reader()).forEach(d -> a.add(json(call, d)));
    call.reply(a);
  }

  private void create(Call call) {
    JsonBody body = call.body().only(Set.of("exchange", "text"));
    Draft d = traffic.create(call.caller().reader(), body.text("exchange"), body.text("text"));
    call.reply(201, json(call, d));
  }

  private void draft(Call call) {
    call.reply(json(call, traffic.draft(call.caller().reader(), id(call))));
  }

  private void update(Call call) {
    long id = id(call);
    String text = call.body().only(Set.of("text")).text("text");
    call.reply(json(call, traffic.update(call.caller().reader(), id, text)));
  }

  private void discard(Call call) {
    traffic.discard(call.caller().reader(), id(call));
    call.context().status(204);
  }

  private void approve(Call call) {
    call.reply(json(call, traffic.approve(call.caller().reader(), id(call))));
  }

  private void release(Call call) {
    long id = id(call);
    boolean confirm =
        call.optionalBody()
            .flatMap(b -> b.only(Set.of("confirm")).optionalBool("confirm"))
            .orElse(false);
    reply(call, traffic.releaseDraft(call.caller().reader(), id, confirm));
  }

  private void releaseText(Call call) {
    JsonBody body = call.body().only(Set.of("text", "confirm"));
    reply(
        call,
        traffic.releaseText(
            call.caller().reader(),
            call.path("exchange"),
            body.text("text"),
            body.optionalBool("confirm").orElse(false)));
  }

  /** Answers 201 with the released cable. */
  private static void reply(Call call, Traffic.Released r) {
    StoredCable released = r.cable();
    ObjectNode o = CableJson.of(released.cable());
    o.put("exchange", released.exchange());
    o.put("releasedAt", released.releasedAt().orElseThrow().toString());
    o.put("seen", released.seen().orElseThrow());
    ArrayNode unread = o.putArray("releasedUnread");
    r.releasedUnread().forEach(unread::add);
    o.put("canonical", released.canonical());
    call.reply(201, o);
  }

  private void inbox(Call call) {
    int limit = call.number("limit", 1, 1_000).orElse(100);
    ArrayNode a = call.json().createArrayNode();
    for (Traffic.InboxEntry e : traffic.inbox(call.caller().reader(), limit)) {
      ObjectNode o = CableJson.envelope(e.cable().cable());
      o.put("exchange", e.cable().exchange());
      ArrayNode mine = o.putArray("receipts");
      e.receipts().forEach(k -> mine.add(k.name()));
      a.add(o);
    }
    call.reply(a);
  }

  private void hold(Call call) {
    EndInfo e = holds.hold(call.caller().reader(), call.path("channel"), call.path("end"));
    ObjectNode o = call.json().createObjectNode();
    o.put("channel", e.channel());
    o.put("end", e.name());
    e.heldSince().ifPresent(t -> o.put("heldSince", t.toString()));
    call.reply(o);
  }

  private void resume(Call call) {
    List<String> delivered =
        holds.resume(call.caller().reader(), call.path("channel"), call.path("end"));
    ObjectNode o = call.json().createObjectNode();
    o.put("channel", call.path("channel"));
    o.put("end", call.path("end"));
    ArrayNode a = o.putArray("delivered");
    delivered.forEach(a::add);
    call.reply(o);
  }

  private static ObjectNode json(Call call, Draft d) {
    ObjectNode o = call.json().createObjectNode();
    o.put("id", d.id());
    o.put("exchange", d.exchange());
    o.put("series", d.series().name());
    o.put("channel", d.channel());
    o.put("end", d.end());
    o.put("author", d.author());
    o.put("savedAt", d.savedAt().toString());
    d.approvedBy().ifPresent(a -> o.put("approvedBy", a));
    o.put("text", d.text());
    return o;
  }
}
