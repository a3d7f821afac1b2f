package dev.backchannel.cables;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Crossings;
import dev.backchannel.json.CableJson;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.Router;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The read side of traffic over HTTP: lists of envelopes, one cable, and the facts of an exchange
 * (crossings, gaps, released-unread). Every answer asks the {@link AccessPolicy} about each cable,
 * and a cable the caller may not know of answers exactly like one that does not exist (G3).
 */
public final class CablesApi implements Feature {
  private final Store store;
  private final AccessPolicy policy;

  private final Facts facts;
  private final Reading reading;

  public CablesApi(Store store, AccessPolicy policy, Facts facts, Reading reading) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.reading = Objects.requireNonNull(reading, "reading");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/cables",
        Guard.USER,
        "Envelopes of the cables the caller may know of, most recent first; filters exchange,"
            + " series, precedence, limit",
        this::list);
    r.get(
        "/api/exchanges/{exchange}/cables/{designator}",
        Guard.USER,
        "One cable: its content when the caller may read it, else its envelope",
        this::one);
    r.get(
        "/api/exchanges/{exchange}/facts",
        Guard.USER,
        "Crossings, gaps and released-unread among the exchange's cables the caller may know of",
        this::facts);
  }

  private void list(Call call) {
    Reader reader = call.caller().reader();
    CableQuery query =
        new CableQuery(
            call.query("exchange"),
            call.query("series").map(CablesApi::series),
            call.query("precedence").map(CablesApi::precedence),
            call.number("limit", 1, CableQuery.MAX_LIMIT).orElse(100));
    ArrayNode a = call.json().createArrayNode();
    for (StoredCable c : store.cables(reader.visibility(), query)) {
      if (policy.decide(reader, c).includes(Access.ENVELOPE)) {
        a.add(envelope(c));
      }
    }
    call.reply(a);
  }

  private void one(Call call) {
    String client = call.context().header("X-Backchannel-Client");
    Reading.Opened opened =
        reading.open(
            call.caller().reader(),
            call.path("exchange"),
            call.designator("designator"),
            client == null ? "api" : client,
            "api");
    StoredCable c = opened.cable();
    ObjectNode o = opened.access() == Access.CONTENT ? content(c) : envelope(c);
    o.put("access", opened.access().name());
    ArrayNode mine = o.putArray("receipts");
    opened.receipts().forEach(k -> mine.add(k.name()));
    ArrayNode crossed = o.putArray("crossings");
    opened.facts().crossed().forEach(crossed::add);
    opened
        .facts()
        .releasedUnread()
        .ifPresent(
            list -> {
              ArrayNode unread = o.putArray("releasedUnread");
              list.forEach(unread::add);
            });
    call.reply(o);
  }

  private void facts(Call call) {
    Facts.ExchangeFacts f = facts.of(call.caller().reader(), call.path("exchange"));
    ObjectNode o = call.json().createObjectNode();
    o.put("exchange", f.exchange());
    o.put("complete", f.complete());
    ArrayNode series = o.putArray("series");
    for (Facts.SeriesFacts s : f.series()) {
      ObjectNode so = series.addObject();
      so.put("name", s.series().name());
      so.put("sendingEnd", s.sendingEnd());
      so.put("held", s.held());
      ArrayNode gaps = so.putArray("gaps");
      s.gaps().forEach(g -> gaps.add(g.text()));
    }
    ArrayNode crossings = o.putArray("crossings");
    for (Crossings.Crossing c : f.crossings()) {
      crossings.addObject().put("a", Facts.text(c.a())).put("b", Facts.text(c.b()));
    }
    ArrayNode unread = o.putArray("releasedUnread");
    for (Facts.Unread u : f.releasedUnread()) {
      unread.addObject().put("cable", u.cable()).put("unread", String.join(", ", u.unread()));
    }
    call.reply(o);
  }

  /** The envelope of G3 with the station's facts about it. */
  private static ObjectNode envelope(StoredCable c) {
    ObjectNode o = CableJson.envelope(c.cable());
    o.put("exchange", c.exchange());
    o.put("origin", c.origin().name());
    return o;
  }

  private static ObjectNode content(StoredCable c) {
    ObjectNode o = CableJson.of(c.cable());
    o.put("exchange", c.exchange());
    o.put("origin", c.origin().name());
    c.releasedAt().ifPresent(t -> o.put("releasedAt", t.toString()));
    c.seen().ifPresent(s -> o.put("seen", s));
    c.document().ifPresent(d -> o.put("document", d));
    o.put("canonical", c.canonical());
    return o;
  }

  /** A series as the station writes it: HAKTO in a header, Hakto in running text. */
  private static Series series(String text) {
    if (!text.matches("[A-Z]{1,20}|[A-Z][a-z]{0,19}")) {
      throw ApiException.invalid(
          "series", "\"" + text + "\" is not a series as the station writes it, such as HAKTO");
    }
    return new Series(text.toUpperCase(Locale.ROOT));
  }

  /** A precedence by its name ({@code FLASH_OVERRIDE}) or its words ({@code FLASH OVERRIDE}). */
  private static Precedence precedence(String text) {
    for (Precedence p : Precedence.values()) {
      if (p.name().equals(text) || p.words().equals(text)) {
        return p;
      }
    }
    throw ApiException.invalid(
        "precedence", "\"" + text + "\" is not a precedence: " + List.of(Precedence.values()));
  }
}
