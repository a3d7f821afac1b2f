package dev.backchannel.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.server.StoreFactory;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationInfo;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Cosignature;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.SignedNote;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a station refuses from the link (issue 25): a request signed with a key it does not know, a
 * request replayed, one out of its time window, and a cable whose text does not match its hash;
 * each refused with nothing stored.
 */
class RelayRefusalsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private TestStation saigon;
  private KeyPair whsKeys;

  @BeforeEach
  void setUp() {
    saigon = TestStation.start(dir, Map.of(), StoreFactory.SQLITE, "SAIGON");
    saigon.october();
    saigon.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    saigon.store.putMember("BC", "HAK", "kissinger", true, "admin");
    whsKeys = SigningKeys.generate();
    saigon.store.addPeer("WHS", "http://127.0.0.1:1", SigningKeys.publicKeyText(whsKeys), "admin");
    saigon.store.placeEnd("BC", "WH", Optional.of("WHS"), "admin");
  }

  @AfterEach
  void tearDown() {
    saigon.close();
  }

  /** Tohak 1/WHS 7 as WHS released it. */
  private static Cable tohak(int serial, String text) {
    return Cable.builder(
            Precedence.IMMEDIATE, SecurityLabel.of(Classification.TOP_SECRET), Person.named("HAIG"))
        .to(Person.named("KISSINGER"))
        .paragraph(Paragraph.numbered(1, text))
        .dtg(Dtg.of(Instant.parse("2026-11-25T08:59:00Z")))
        .designator(
            new Designator.Numbered(
                new Series("TOHAK"),
                serial,
                Optional.of(new StationSerial(Optional.of("WHS"), serial + 6))))
        .build();
  }

  private static byte[] body(String canonical, String sha256) throws Exception {
    ObjectNode b = JSON.createObjectNode();
    b.putArray("cables")
        .addObject()
        .put("exchange", "OCT72")
        .put("canonical", canonical)
        .put("sha256", sha256)
        .put("seen", 0)
        .put("releasedAt", "2026-11-25T08:59:00Z")
        .put("releaser", "haig");
    return JSON.writeValueAsBytes(b);
  }

  /** Signs as a station named {@code name} with {@code keys}, at {@code clock}'s time. */
  private Map<String, String> sign(String name, KeyPair keys, Clock clock, byte[] body) {
    return new RelaySignatures(
            saigon.store,
            Optional.of(new RelaySignatures.Self(name, keys.getPrivate(), keys.getPublic())),
            clock)
        .signRequest("POST", RelayApi.CABLES, body);
  }

  private HttpResponse<String> post(Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(saigon.url() + RelayApi.CABLES))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(r::header);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private Clock now() {
    return Clock.fixed(saigon.clock.instant(), ZoneOffset.UTC);
  }

  private long events() {
    return saigon.store.events(0, Integer.MAX_VALUE).size();
  }

  private boolean holdsTohak1() {
    return saigon.store.cable("OCT72", new Series("TOHAK"), 1).isPresent();
  }

  private static String message(HttpResponse<String> r) throws Exception {
    JsonNode e = JSON.readTree(r.body());
    return e.path("code").asText() + ": " + e.path("message").asText();
  }

  @Test
  void aRequestSignedWithAKeyTheStationDoesNotKnowIsRefusedAndNothingStored() throws Exception {
    String canonical = CanonicalText.render(tohak(1, "THE FIRST."));
    byte[] body = body(canonical, CanonicalText.sha256(canonical));
    long before = events();
    HttpResponse<String> impostor = post(sign("WHS", SigningKeys.generate(), now(), body), body);
    assertThat(impostor.statusCode()).isEqualTo(401);
    assertThat(message(impostor))
        .isEqualTo("SIGNATURE: the signature does not verify with the key of WHS");
    HttpResponse<String> stranger = post(sign("EVIL", SigningKeys.generate(), now(), body), body);
    assertThat(stranger.statusCode()).isEqualTo(401);
    assertThat(message(stranger))
        .isEqualTo("SIGNATURE: the key EVIL is not a peer's of this station");
    assertThat(events()).isEqualTo(before);
    assertThat(holdsTohak1()).isFalse();
  }

  @Test
  void aReplayedRequestIsRefusedAndTheCableStoredOnce() throws Exception {
    String canonical = CanonicalText.render(tohak(1, "THE FIRST."));
    byte[] body = body(canonical, CanonicalText.sha256(canonical));
    Map<String, String> headers = sign("WHS", whsKeys, now(), body);
    HttpResponse<String> first = post(headers, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).at("/received/0/duplicate").asBoolean()).isFalse();
    long after = events();
    HttpResponse<String> again = post(headers, body);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(message(again))
        .isEqualTo("SIGNATURE: the request was replayed: its nonce was used before");
    assertThat(events()).isEqualTo(after);
    // the same cable sent again in a new request is acknowledged as held, not stored again
    HttpResponse<String> resent = post(sign("WHS", whsKeys, now(), body), body);
    assertThat(resent.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(resent.body()).at("/received/0/duplicate").asBoolean()).isTrue();
    assertThat(JSON.readTree(resent.body()).at("/received/0/number").asInt())
        .isEqualTo(JSON.readTree(first.body()).at("/received/0/number").asInt());
    assertThat(events()).isEqualTo(after);
  }

  @Test
  void aRequestCreatedOutsideTheWindowIsRefused() throws Exception {
    String canonical = CanonicalText.render(tohak(1, "THE FIRST."));
    byte[] body = body(canonical, CanonicalText.sha256(canonical));
    Clock stale =
        Clock.fixed(
            saigon.clock.instant().minus(RelaySignatures.WINDOW.plusSeconds(5)), ZoneOffset.UTC);
    HttpResponse<String> r = post(sign("WHS", whsKeys, stale, body), body);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(message(r)).startsWith("SIGNATURE: the request was created at ");
    assertThat(holdsTohak1()).isFalse();
  }

  @Test
  void aCableWhoseTextDoesNotMatchItsHashIsRefusedAndNothingStored() throws Exception {
    String canonical = CanonicalText.render(tohak(1, "THE FIRST."));
    String tampered = canonical.replace("THE FIRST.", "THE FIRTS.");
    byte[] body = body(tampered, CanonicalText.sha256(canonical));
    long before = events();
    HttpResponse<String> r = post(sign("WHS", whsKeys, now(), body), body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.path("field").asText()).isEqualTo("cables[0].sha256");
    assertThat(e.path("message").asText())
        .isEqualTo(
            "the text hashes to "
                + CanonicalText.sha256(tampered)
                + ", not to the SHA-256 sent, "
                + CanonicalText.sha256(canonical));
    assertThat(events()).isEqualTo(before);
    assertThat(holdsTohak1()).isFalse();
  }

  @Test
  void aBodyAlteredAfterSigningIsRefused() throws Exception {
    String canonical = CanonicalText.render(tohak(1, "THE FIRST."));
    byte[] body = body(canonical, CanonicalText.sha256(canonical));
    Map<String, String> headers = sign("WHS", whsKeys, now(), body);
    String other = CanonicalText.render(tohak(2, "THE SECOND."));
    HttpResponse<String> r = post(headers, body(other, CanonicalText.sha256(other)));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(message(r)).isEqualTo("SIGNATURE: Content-Digest does not match the body");
    assertThat(saigon.store.cable("OCT72", new Series("TOHAK"), 2)).isEmpty();
  }

  @Test
  void aCableOfTheSeriesThisStationSendsIsRefused() throws Exception {
    Cable hakto =
        tohak(1, "FORGED.").toBuilder()
            .designator(
                new Designator.Numbered(
                    new Series("HAKTO"), 1, Optional.of(new StationSerial(Optional.of("WHS"), 9))))
            .build();
    String canonical = CanonicalText.render(hakto);
    byte[] body = body(canonical, CanonicalText.sha256(canonical));
    HttpResponse<String> r = post(sign("WHS", whsKeys, now(), body), body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(message(r))
        .isEqualTo(
            "INVALID: the series HAKTO of OCT72 is not sent from an end at station WHS here");
    assertThat(saigon.store.cable("OCT72", new Series("HAKTO"), 1)).isEmpty();
  }

  // ---- the witness ----

  /** A checkpoint of WHS's log of {@code size} entries and {@code root}, signed with its key. */
  private String whsCheckpoint(long size, Hash root) {
    SignedNote.Verifier v =
        AuditLog.verifier(new StationInfo("WHS", "WHS", SigningKeys.publicKeyText(whsKeys), 0));
    return SignedNote.sign(new Checkpoint(v.name(), size, root).text(), v, whsKeys.getPrivate());
  }

  private HttpResponse<String> addCheckpoint(long old, String note) throws Exception {
    ObjectNode b = JSON.createObjectNode().put("old", old).put("checkpoint", note);
    b.putArray("proof");
    byte[] body = JSON.writeValueAsBytes(b);
    Map<String, String> headers =
        new RelaySignatures(
                saigon.store,
                Optional.of(
                    new RelaySignatures.Self("WHS", whsKeys.getPrivate(), whsKeys.getPublic())),
                now())
            .signRequest("POST", RelayApi.ADD_CHECKPOINT, body);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(saigon.url() + RelayApi.ADD_CHECKPOINT))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(r::header);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Hash root(String leaves) {
    CompactTree t = CompactTree.empty();
    for (char c : leaves.toCharArray()) {
      t = t.append(Rfc6962.leafHash(new byte[] {(byte) c}));
    }
    return t.root();
  }

  @Test
  void theWitnessCosignsAPeersCheckpointAndRefusesOneThatRewritesItsHistory() throws Exception {
    String first = whsCheckpoint(2, root("ab"));
    HttpResponse<String> cosigned = addCheckpoint(0, first);
    assertThat(cosigned.statusCode()).as(cosigned.body()).isEqualTo(200);
    String line = JSON.readTree(cosigned.body()).get("cosignature").asText();
    String text = first.substring(0, first.lastIndexOf("\n\n") + 1);
    assertThat(
            Cosignature.verify(
                text,
                line,
                Witness.name("SAIGON"),
                SignedNote.rawPublicKey(saigon.keys.getPublic())))
        .isPresent();

    HttpResponse<String> stale = addCheckpoint(0, whsCheckpoint(3, root("abc")));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).at("/size/0").asText()).isEqualTo("2");

    HttpResponse<String> rewritten = addCheckpoint(2, whsCheckpoint(2, root("ax")));
    assertThat(rewritten.statusCode()).isEqualTo(400);
    assertThat(message(rewritten))
        .isEqualTo(
            "INCONSISTENT: the audit log of WHS fails this station's check: its checkpoint of 2"
                + " entries is not consistent with the one of 2 this station cosigned: history was"
                + " rewritten");
    HttpResponse<String> truncated = addCheckpoint(2, whsCheckpoint(1, root("a")));
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(saigon.store.witnessed("WHS").size()).isEqualTo(2);
    assertThat(saigon.store.witnessed("WHS").root()).contains(root("ab"));
    JsonNode link = saigon.token("admin").get("/api/peers").json().at("/peers/0");
    assertThat(link.get("witnessAlarm").asText())
        .startsWith("the audit log of WHS fails this station's check");
  }

  @Test
  void theWitnessRefusesACheckpointNotSignedByThePeersKey() throws Exception {
    SignedNote.Verifier v =
        AuditLog.verifier(new StationInfo("WHS", "WHS", SigningKeys.publicKeyText(whsKeys), 0));
    String forged =
        SignedNote.sign(
            new Checkpoint(v.name(), 2, root("ab")).text(), v, SigningKeys.generate().getPrivate());
    HttpResponse<String> r = addCheckpoint(0, forged);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(saigon.store.witnessed("WHS").size()).isZero();
  }
}
