package dev.backchannel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.Role;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Proofs;
import dev.backchannel.tlog.Rfc6962;
import dev.backchannel.tlog.SignedNote;
import dev.backchannel.tlog.Tiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log as users and monitors reach it over HTTP (G8), through the access policy (G3). */
class AuditApiTest {
  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http haig;
  private Http outsider;
  private Http admin;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("eagleburger", Classification.TOP_SECRET, Set.of(), Role.STAFF);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    kissinger = station.token("kissinger");
    haig = station.token("haig");
    outsider = station.token("eagleburger");
    admin = station.token("admin");
    release("1. THE FIRST.");
    assertThat(haig.get("/api/exchanges/OCT72/cables/Hakto%201").status()).isEqualTo(200);
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private void release(String paragraph) {
    Http.Answer d =
        kissinger.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET\\nFROM: KISSINGER\\nTO:"
                + " HAIG\\n\\n"
                + paragraph
                + "\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r = kissinger.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private Checkpoint checkpointNow() {
    Http.Answer made = admin.post("/api/log/checkpoints", "{}");
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    SignedNote.Verifier key =
        SignedNote.Verifier.parse(
            station.anonymous().get("/api/log").json().get("publicKey").asText());
    Http.Answer note = station.anonymous().get("/log/checkpoint");
    assertThat(note.header("Content-Type")).contains("text/plain;charset=utf-8");
    return Checkpoint.parse(SignedNote.open(note.body(), key).orElseThrow());
  }

  private byte[] bytes(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + station.server.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private static List<Hash> hashes(byte[] tile) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < tile.length; i += Hash.LENGTH) {
      out.add(Hash.of(java.util.Arrays.copyOfRange(tile, i, i + Hash.LENGTH)));
    }
    return out;
  }

  @Test
  void verifyAskedForJsonLinesReportsItsProgressAsItGoesThenTheReport() {
    release("1. THE SECOND.");
    long size = station.store.logTree().size();

    Http.Answer lines = admin.with("Accept", "application/x-ndjson").post("/api/log/verify", "{}");
    Http.Answer refused = haig.with("Accept", "application/x-ndjson").post("/api/log/verify", "{}");

    assertThat(lines.status()).as(lines.body()).isEqualTo(200);
    assertThat(lines.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
    List<JsonNode> read =
        lines.body().lines().map(l -> new Http.Answer(200, Map.of(), l).json()).toList();
    JsonNode last = read.getLast();
    assertThat(last.get("report").get("holds").asBoolean()).isTrue();
    assertThat(last.get("report").get("entries").asLong()).isEqualTo(size);
    List<JsonNode> progress = read.subList(0, read.size() - 1);
    assertThat(progress).isNotEmpty();
    assertThat(progress).allSatisfy(p -> assertThat(p.get("checked").asLong()).isBetween(0L, size));
    assertThat(progress.getLast().get("checked").asLong()).isEqualTo(size);
    assertThat(progress.getLast().get("total").asLong()).isEqualTo(size);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asText()).isEqualTo("FORBIDDEN");
  }

  @Test
  void theCheckpointIsASignedNoteOfTheWholeLogThatTheStationsKeyOpens() {
    Checkpoint c = checkpointNow();

    assertThat(c.size()).isEqualTo(station.store.logTree().size()).isPositive();
    assertThat(c.root()).isEqualTo(station.store.logTree().root());
    assertThat(c.origin()).startsWith("backchannel/WHS/");
    assertThat(admin.post("/api/log/checkpoints", "{}").json().get("size").asLong())
        .as("no second checkpoint of the same size")
        .isEqualTo(c.size());
    assertThat(haig.post("/api/log/checkpoints", "{}").status()).isEqualTo(403);
  }

  @Test
  void aMonitorRebuildsTheCheckpointsRootFromTheTilesAndChecksConsistencyAnonymously()
      throws Exception {
    Checkpoint first = checkpointNow();
    for (int i = 0; i < 120; i++) {
      release(i + 2 + ". MORE.");
    }
    Checkpoint second = checkpointNow();
    assertThat(second.size()).isGreaterThan(Tiles.WIDTH);

    Tiles.Source source =
        (level, index) -> {
          for (Tiles.Tile t : Tiles.tiles(level, second.size())) {
            if (t.index() == index) {
              try {
                return hashes(bytes("/log/" + t.path()));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            }
          }
          return List.of();
        };
    assertThat(Tiles.subtrees(source).hash(0, second.size())).isEqualTo(second.root());
    JsonNode proof =
        station
            .anonymous()
            .get("/api/log/proofs/consistency?first=" + first.size() + "&second=" + second.size())
            .json();
    List<Hash> path = new ArrayList<>();
    proof.get("proof").forEach(h -> path.add(Hash.of(Base64.getDecoder().decode(h.asText()))));
    assertThat(
            Proofs.verifyConsistency(
                first.size(), second.size(), path, first.root(), second.root()))
        .isTrue();
    for (String past :
        List.of(
            "0/999",
            "0/x999/x999/x999/x999/x999/999",
            "63/000",
            "7/000.p/1",
            "0/x072/x057/x594/x037/x927/936")) {
      assertThat(station.anonymous().get("/log/tile/" + past).status())
          .as("no tile " + past + " past the published log")
          .isEqualTo(404);
    }
    assertThat(kissinger.get("/log/tile/entries/x072/x057/x594/x037/x927/936").status())
        .isEqualTo(404);
    assertThat(
            station
                .anonymous()
                .get("/log/tile/0/x999/x999/x999/x999/x999/x999/x999/999")
                .json()
                .get("code")
                .asText())
        .isEqualTo("INVALID");
    assertThat(
            station
                .anonymous()
                .get("/api/log/proofs/inclusion?index=5&size=" + (second.size() + 1))
                .json()
                .get("message")
                .asText())
        .isEqualTo(
            "the log holds "
                + station.store.logTree().size()
                + " leaves, so it has no tree of "
                + (second.size() + 1));
  }

  @Test
  void anEntryIsShownToWhoMaySeeItAndToAnyoneElseAsIfItDidNotExist() throws Exception {
    checkpointNow();
    LoggedEvent released =
        station
            .store
            .loggedForCable(station.store.cables(java.util.Optional.empty(), 10).getFirst().id())
            .getFirst();
    String path = "/api/log/entries/" + released.index();

    Http.Answer seen = kissinger.get(path);
    Http.Answer hidden = outsider.get(path);
    Http.Answer none = outsider.get("/api/log/entries/999999");

    assertThat(seen.status()).isEqualTo(200);
    assertThat(Rfc6962.leafHash(seen.json().get("entry").asText().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(station.store.logTile(0, 0).get((int) released.index()));
    assertThat(seen.json().get("entry").asText()).doesNotContain("THE FIRST");
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(none.body().replace("999999", "" + released.index()));
    assertThat(station.anonymous().get(path).status()).isEqualTo(401);
    String bundle = "/log/tile/entries/000.p/" + Math.min(255, station.store.logTree().size());
    assertThat(station.anonymous().get(bundle).status()).isEqualTo(401);
    assertThat(outsider.get(bundle).status()).isEqualTo(404);
    assertThat(kissinger.get(bundle).status())
        .as("the bundle holds the station's set-up, which only administrators see")
        .isEqualTo(404);
  }

  @Test
  void aReceiptsProofChecksOfflineAndATamperedOneDoesNot() throws Exception {
    Http.Answer answer = haig.get("/api/exchanges/OCT72/cables/Hakto%201/proof?kind=OPENED");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    ReceiptProof proof = ProofJson.read(answer.json());

    ProofCheck.Proven proven = ProofCheck.check(proof);

    assertThat(proven.entries()).hasSize(2);
    assertThat(proven.entries().get(0).get("event").get("designator").asText())
        .isEqualTo("Hakto 1/WHS 1");
    assertThat(proven.entries().get(1).get("event").get("reader").asText()).isEqualTo("haig");
    assertThat(proven.entries().get(1).get("event").get("kind").asText()).isEqualTo("OPENED");
    assertThat(kissinger.get("/api/exchanges/OCT72/cables/Hakto%201/proof?reader=haig").status())
        .as("the originator sees every reader's receipts")
        .isEqualTo(200);
    assertThat(outsider.get("/api/exchanges/OCT72/cables/Hakto%201/proof?reader=haig").status())
        .isEqualTo(404);
    ReceiptProof.Entry receipt = proof.entries().get(1);
    ReceiptProof tampered =
        new ReceiptProof(
            proof.publicKey(),
            proof.checkpoint(),
            List.of(
                proof.entries().get(0),
                new ReceiptProof.Entry(
                    receipt.index(),
                    receipt.entry().replace("\"OPENED\"", "\"ACKNOWLEDGED\""),
                    receipt.inclusion())));
    assertThatThrownBy(() -> ProofCheck.check(tampered))
        .hasMessage(
            "entry "
                + receipt.index()
                + " is not in the checkpoint of "
                + proven.checkpoint().size()
                + " entries: its inclusion proof does not lead to the checkpoint's root");
  }
}
