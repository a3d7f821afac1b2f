package dev.backchannel.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.channels.ChannelsApi;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.RelayRepository.EscalationReport;
import dev.backchannel.store.RelayRepository.Received;
import dev.backchannel.store.RelayRepository.Report;
import dev.backchannel.tlog.Hash;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Relay over HTTP (issue 25): the administration of peers and links for administrators, and the
 * routes peers call, each request signed with the calling station's key (RFC 9421) and each answer
 * signed with this station's, bound to the request by its nonce.
 */
public final class RelayApi implements Feature {
  /** The paths peers call. */
  public static final String CABLES = "/relay/v1/cables";

  public static final String REPORTS = "/relay/v1/reports";

  public static final String ADD_CHECKPOINT = "/relay/v1/add-checkpoint";

  private final Relay relay;
  private final Witness witness;
  private final RelaySignatures signatures;

  public RelayApi(Relay relay, Witness witness, RelaySignatures signatures) {
    this.relay = Objects.requireNonNull(relay, "relay");
    this.witness = Objects.requireNonNull(witness, "witness");
    this.signatures = Objects.requireNonNull(signatures, "signatures");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/peers",
        Guard.ADMINISTRATOR,
        "This station's key and every peer with its link: state, queue, last acknowledgement",
        this::links);
    r.post(
        "/api/peers",
        Guard.ADMINISTRATOR,
        "Introduce a peer station by its prefix, URL and Ed25519 key",
        this::addPeer);
    r.put(
        "/api/peers/{peer}/link",
        Guard.ADMINISTRATOR,
        "Take the link to a peer down, or bring it up",
        this::setLink);
    r.put(
        "/api/channels/{channel}/ends/{end}/station",
        Guard.ADMINISTRATOR,
        "Place an end of a channel at a peer station, or back at this one",
        this::placeEnd);
    r.post(CABLES, Guard.PEER, "A peer relays cables released there", this::cables);
    r.post(REPORTS, Guard.PEER, "A peer reports receipts given there", this::reports);
    r.post(
        ADD_CHECKPOINT,
        Guard.PEER,
        "A peer asks this station to cosign a checkpoint of its audit log",
        this::addCheckpoint);
  }

  private void links(Call call) {
    ObjectNode out = call.json().createObjectNode();
    ObjectNode self = out.putObject("station");
    signatures
        .self()
        .ifPresentOrElse(
            s -> {
              self.put("name", s.name());
              self.put("key", PeerKeys.text(s.publicKey()));
              self.put("fingerprint", PeerKeys.fingerprint(s.publicKey()));
            },
            () -> self.putNull("key"));
    ArrayNode peers = out.putArray("peers");
    relay.links(call.caller().reader()).forEach(l -> peers.add(linkJson(call, l)));
    call.reply(out);
  }

  static ObjectNode linkJson(Call call, Relay.Link l) {
    PeerInfo p = l.peer();
    ObjectNode o = call.json().createObjectNode();
    o.put("name", p.name());
    o.put("url", p.url());
    o.put("key", p.publicKey());
    o.put("fingerprint", l.fingerprint());
    o.put("state", p.state().name().toLowerCase(java.util.Locale.ROOT));
    o.put("since", p.since().toString());
    p.downBy().ifPresent(b -> o.put("downBy", b));
    p.lastError().ifPresent(e -> o.put("lastError", e));
    p.lastAck().ifPresent(a -> o.put("lastAck", a.toString()));
    o.put("cosigned", p.cosigned());
    o.put("witnessed", p.witnessed());
    p.witnessAlarm().ifPresent(a -> o.put("witnessAlarm", a));
    ObjectNode q = o.putObject("queue");
    for (Precedence pr : Precedence.values()) {
      q.put(pr.name(), l.queue().depth().getOrDefault(pr, 0L));
    }
    o.put("queued", l.queue().total());
    l.queue().oldest().ifPresent(t -> o.put("oldest", t.toString()));
    l.queue().oldestCable().ifPresent(c -> o.put("oldestCable", c));
    return o;
  }

  private void addPeer(Call call) {
    JsonBody body = call.body().only(Set.of("name", "url", "key"));
    call.reply(
        201,
        linkJson(
            call,
            relay.addPeer(
                call.caller().reader(), body.text("name"), body.text("url"), body.text("key"))));
  }

  private void setLink(Call call) {
    JsonBody body = call.body().only(Set.of("down"));
    boolean down =
        body.optionalBool("down")
            .orElseThrow(() -> ApiException.invalid("down", "down is required"));
    call.reply(linkJson(call, relay.setLinkDown(call.caller().reader(), call.path("peer"), down)));
  }

  private void placeEnd(Call call) {
    JsonBody body = call.body().only(Set.of("station"));
    Optional<String> station = body.optionalText("station");
    EndInfo e =
        relay.placeEnd(call.caller().reader(), call.path("channel"), call.path("end"), station);
    call.reply(ChannelsApi.endJson(call, e));
  }

  // ---- the routes peers call ----

  private void cables(Call call) throws IOException {
    RelaySignatures.Verified from = signatures.verifyRequest(call.context());
    JsonNode body = json(call, from);
    List<Relay.Relayed> cables = new ArrayList<>();
    JsonNode list = body.path("cables");
    if (!list.isArray()) {
      throw ApiException.invalid("cables", "cables is required, as an array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String field = "cables[" + i + "]";
      cables.add(
          new Relay.Relayed(
              text(c, field, "exchange"),
              text(c, field, "canonical"),
              text(c, field, "sha256"),
              number(c, field, "seen"),
              instant(c, field, "releasedAt"),
              text(c, field, "releaser")));
    }
    List<Received> received = relay.receive(from.peer(), cables);
    ObjectNode out = call.json().createObjectNode();
    ArrayNode a = out.putArray("received");
    for (Received r : received) {
      a.addObject()
          .put("designator", r.designator())
          .put("number", r.number())
          .put("duplicate", r.duplicate());
    }
    signatures.replySigned(call.context(), from, call.json().writeValueAsBytes(out));
  }

  private void reports(Call call) throws IOException {
    RelaySignatures.Verified from = signatures.verifyRequest(call.context());
    JsonNode body = json(call, from);
    JsonNode list = body.path("reports");
    if (!list.isArray()) {
      throw ApiException.invalid("reports", "reports is required, as an array");
    }
    List<Report> reports = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String field = "reports[" + i + "]";
      ReceiptKind kind;
      Series series;
      try {
        kind = ReceiptKind.valueOf(text(r, field, "kind"));
        series = new Series(text(r, field, "series"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(field, "not a receipt kind or series: " + e.getMessage());
      }
      reports.add(
          new Report(
              r.path("index").asLong(),
              text(r, field, "exchange"),
              series,
              number(r, field, "serial"),
              text(r, field, "reader"),
              kind,
              instant(r, field, "at"),
              text(r, field, "client"),
              r.hasNonNull("by") ? Optional.of(r.get("by").asText()) : Optional.empty()));
    }
    List<EscalationReport> escalations = new ArrayList<>();
    JsonNode escalated = body.path("escalations");
    for (int i = 0; i < escalated.size(); i++) {
      JsonNode e = escalated.get(i);
      String field = "escalations[" + i + "]";
      Escalation.Stage stage;
      Series series;
      try {
        stage = Escalation.Stage.valueOf(text(e, field, "stage"));
        series = new Series(text(e, field, "series"));
      } catch (IllegalArgumentException x) {
        throw ApiException.invalid(field, "not a stage or series: " + x.getMessage());
      }
      List<String> late = new ArrayList<>();
      e.path("late").forEach(n -> late.add(n.asText()));
      escalations.add(
          new EscalationReport(
              e.path("index").asLong(),
              text(e, field, "exchange"),
              series,
              number(e, field, "serial"),
              stage,
              late,
              instant(e, field, "at")));
    }
    int stored = relay.receiveReports(from.peer(), reports, escalations);
    signatures.replySigned(
        call.context(),
        from,
        call.json().writeValueAsBytes(call.json().createObjectNode().put("stored", stored)));
  }

  private void addCheckpoint(Call call) throws IOException {
    RelaySignatures.Verified from = signatures.verifyRequest(call.context());
    JsonNode body = json(call, from);
    JsonNode old = body.get("old");
    if (old == null || !old.canConvertToLong() || old.asLong() < 0) {
      throw ApiException.invalid("old", "old is required, as a size of 0 or more");
    }
    JsonNode proof = body.path("proof");
    if (!proof.isArray() || proof.size() > 64) {
      throw ApiException.invalid("proof", "proof is required, as at most 64 base64 hashes");
    }
    List<Hash> hashes = new ArrayList<>();
    for (JsonNode h : proof) {
      try {
        hashes.add(Hash.of(Base64.getDecoder().decode(h.asText())));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("proof", "not a base64 SHA-256 hash: " + h.asText());
      }
    }
    String line =
        witness.addCheckpoint(from.peer(), old.asLong(), hashes, text(body, "body", "checkpoint"));
    signatures.replySigned(
        call.context(),
        from,
        call.json().writeValueAsBytes(call.json().createObjectNode().put("cosignature", line)));
  }

  private static JsonNode json(Call call, RelaySignatures.Verified from) {
    try {
      return call.json().readTree(from.body());
    } catch (IOException e) {
      throw ApiException.invalid("body", "the body is not JSON");
    }
  }

  private static String text(JsonNode o, String field, String name) {
    JsonNode v = o.get(name);
    if (v == null || !v.isTextual()) {
      throw ApiException.invalid(field + "." + name, name + " is required, as text");
    }
    return v.asText();
  }

  private static int number(JsonNode o, String field, String name) {
    JsonNode v = o.get(name);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ApiException.invalid(field + "." + name, name + " is required, as a whole number");
    }
    return v.asInt();
  }

  private static Instant instant(JsonNode o, String field, String name) {
    try {
      return Instant.parse(text(o, field, name));
    } catch (DateTimeException e) {
      throw ApiException.invalid(
          field + "." + name, name + " is not an instant: " + o.get(name).asText());
    }
  }
}
