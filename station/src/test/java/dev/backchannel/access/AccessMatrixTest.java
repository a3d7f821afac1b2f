package dev.backchannel.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.server.Http;
import dev.backchannel.server.StationServer;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredCable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3 as a matrix: every route the station serves, against users who lack channel membership,
 * clearance, a caveat or the eyes-only naming, a sealed cable's addressee, a named reader outside
 * the channel, and an administrator. A route without a case here fails {@link
 * #everyServedRouteHasACase}; none of them sees more than the policy gives him, in bodies, counts
 * or error messages, and a cable he may not know of answers byte for byte like one that does not
 * exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
  private TestStation station;

  /** Users by login name, and what each may know of each cable (by designator text). */
  private final Map<String, Map<String, Access>> expected = new LinkedHashMap<>();

  private final Map<String, Http> clients = new LinkedHashMap<>();
  private final Map<String, StoredCable> cables = new LinkedHashMap<>();

  /** Words that stand only in the cables' content: never in an envelope or a list. */
  private static final List<String> CONTENT_WORDS =
      List.of("PARALLEL", "ALONE", "SUBJECTLINE", "HOLDOUT", "RELAYED", "OTHERWORDS");

  @BeforeAll
  void setUp(@TempDir Path dir) {
    station = TestStation.start(dir);
    var s = station.store;
    s.createChannel("BC", "HAK", "WH", "admin");
    s.createChannel("OTHER", "EAST", "WEST", "admin");
    s.createExchange(
        new NewExchange(
            "BC",
            "OCT72",
            new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
            new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
        "admin");
    s.createExchange(
        new NewExchange(
            "OTHER",
            "NOV72",
            new NewExchange.SeriesEnd(new Series("EASTO"), "EAST"),
            new NewExchange.SeriesEnd(new Series("TOEAST"), "WEST")),
        "admin");
    Set<String> sensitive = Set.of("SENSITIVE");
    station.user("kissinger", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("staff", Classification.TOP_SECRET, sensitive, Role.STAFF);
    station.user("nocaveat", Classification.TOP_SECRET, Set.of(), Role.STAFF);
    station.user("lowclear", Classification.SECRET, Set.of(), Role.STAFF);
    station.user("outsider", Classification.TOP_SECRET, sensitive, Role.STAFF);
    station.user("scowcroft", Classification.TOP_SECRET, sensitive, Role.STAFF);
    station.user("president", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("easterner", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "staff", false, "admin");
    s.putMember("BC", "WH", "nocaveat", false, "admin");
    s.putMember("BC", "WH", "lowclear", false, "admin");
    s.putMember("OTHER", "EAST", "easterner", true, "admin");

    release("OCT72", "HAKTO", "SECRET", "", "1. THE SECRET HOLDOUT.");
    release(
        "OCT72",
        "HAKTO",
        "TOP SECRET SENSITIVE",
        "INFO: SCOWCROFT\nSUBJ: SUBJECTLINE\n",
        "1. KEEP THE RESTRICTION AT THE 20TH PARALLEL.");
    release(
        "OCT72", "HAKTO", "TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY", "", "1. FOR YOU ALONE.");
    release(
        "OCT72",
        "HAKTO",
        "TOP SECRET SENSITIVE",
        "HANDLING: DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO THE PRESIDENT\n",
        "1. RELAYED TO HIM UNOPENED.");
    cables.put(
        "Tohak 1",
        station.store.release(
            new ReleaseRequest(
                "OCT72",
                new Series("TOHAK"),
                CanonicalText.standard()
                    .parse(
                        "ROUTINE\nCONFIDENTIAL\nFROM: HAIG (WASHINGTON)\nTO: KISSINGER"
                            + " (SAIGON)\n\n1. IN OTHERWORDS.\n"),
                "haig")));
    cables.put(
        "Easto 1",
        station.store.release(
            new ReleaseRequest(
                "NOV72",
                new Series("EASTO"),
                CanonicalText.standard()
                    .parse(
                        "ROUTINE\nCONFIDENTIAL\nFROM: EASTERNER\nTO: WESTERNER\n\n1. IN"
                            + " OTHERWORDS TOO.\n"),
                "easterner")));

    Access n = Access.NONE;
    Access e = Access.ENVELOPE;
    Access c = Access.CONTENT;
    //                    Hakto 1  2  3  4  Tohak 1  Easto 1
    expect("kissinger", c, c, c, c, c, n);
    expect("haig", c, c, c, e, c, n);
    expect("staff", c, c, e, e, c, n);
    expect("nocaveat", c, e, e, e, c, n);
    expect("lowclear", c, n, n, n, c, n);
    expect("outsider", n, n, n, n, n, n);
    expect("scowcroft", n, c, n, n, n, n);
    expect("president", n, n, n, n, n, n);
    expect("easterner", n, n, n, n, n, c);
    expect("admin", n, n, n, n, n, n);
    for (String user : expected.keySet()) {
      clients.put(user, station.token(user));
    }
  }

  private void release(String exchange, String series, String label, String extra, String text) {
    String draft =
        "IMMEDIATE\n"
            + label
            + "\nFROM: KISSINGER (SAIGON)\nTO: HAIG (WASHINGTON)\n"
            + extra
            + "\n"
            + text
            + "\n";
    StoredCable c =
        station.store.release(
            new ReleaseRequest(
                exchange, new Series(series), CanonicalText.standard().parse(draft), "kissinger"));
    cables.put(c.designatorText().replaceAll("/.*", ""), c);
  }

  private void expect(String user, Access... perCable) {
    Map<String, Access> m = new LinkedHashMap<>();
    int i = 0;
    for (String d : List.of("Hakto 1", "Hakto 2", "Hakto 3", "Hakto 4", "Tohak 1", "Easto 1")) {
      m.put(d, perCable[i++]);
    }
    expected.put(user, m);
  }

  @AfterAll
  void tearDown() {
    station.close();
  }

  /** The cases, by route; each checks every user. */
  private Map<String, Runnable> cases() {
    Map<String, Runnable> m = new TreeMap<>();
    m.put("GET /api/openapi.json", this::openapiIsTheSameForEveryone);
    m.put("POST /api/login", this::aFailedLoginTellsNothing);
    m.put("POST /api/setup", this::aFailedSetupTellsNothing);
    m.put("POST /api/logout", this::logoutEndsOnlyTheCallersOwnToken);
    m.put("GET /api/me", this::meIsOnlyHimself);
    m.put("GET /api/users", () -> adminOnly("GET", "/api/users", null));
    m.put(
        "POST /api/users",
        () -> adminOnly("POST", "/api/users", "{\"name\":\"x1\",\"clearance\":\"SECRET\"}"));
    m.put("GET /api/users/{name}", () -> adminOnly("GET", "/api/users/haig", null));
    m.put(
        "PATCH /api/users/{name}",
        () -> adminOnly("PATCH", "/api/users/lowclear", "{\"timeZone\":\"Europe/Paris\"}"));
    m.put("GET /api/channels", () -> adminOnly("GET", "/api/channels", null));
    m.put(
        "POST /api/channels",
        () -> adminOnly("POST", "/api/channels", "{\"name\":\"C1\",\"ends\":[\"A\",\"B\"]}"));
    m.put(
        "PATCH /api/channels/{channel}/ends/{end}",
        () -> adminOnly("PATCH", "/api/channels/OTHER/ends/WEST", "{\"secondApproval\":true}"));
    m.put(
        "PUT /api/channels/{channel}/ends/{end}/members/{user}",
        () -> adminOnly("PUT", "/api/channels/OTHER/ends/WEST/members/president", "{}"));
    m.put(
        "DELETE /api/channels/{channel}/ends/{end}/members/{user}",
        () -> {
          station.store.putMember("OTHER", "WEST", "outsider", false, "admin");
          adminOnly("DELETE", "/api/channels/OTHER/ends/WEST/members/outsider", null);
        });
    m.put(
        "POST /api/exchanges",
        () ->
            adminOnly(
                "POST",
                "/api/exchanges",
                "{\"name\":\"DEC72\",\"channel\":\"OTHER\",\"series\":[\"WESTO:WEST\",\"TOWEST:EAST\"]}"));
    m.put("POST /api/caveats", () -> adminOnly("POST", "/api/caveats", "{\"name\":\"GAMMA\"}"));
    m.put("GET /api/caveats", this::theRegistryIsTheSameForEveryone);
    m.put("GET /api/exchanges", this::exchangesAreThoseOfHisChannels);
    m.put("GET /api/cables", this::listsHoldExactlyTheEnvelopesHeMayKnow);
    m.put("GET /api/exchanges/{exchange}/cables/{designator}", this::oneCableAnswersByThePolicy);
    m.put("GET /api/exchanges/{exchange}/facts", this::factsCountOnlyWhatHeMayKnow);
    m.put(
        "GET /api/exchanges/{exchange}/cables/{designator}/receipts",
        this::receiptsOnlyOfCablesHeMayKnow);
    m.put(
        "POST /api/exchanges/{exchange}/cables/{designator}/receipts",
        this::reportingNeedsACableHeMayKnow);
    m.put("GET /api/inbox", this::inboxHoldsOnlyWhatWasDeliveredToHim);
    m.put(
        "POST /api/exchanges/{exchange}/cables/{designator}/pass",
        this::passingNeedsACableHeMayKnow);
    m.put("GET /api/events/stream", this::liveEventsCarryOnlyEnvelopesHeMayKnow);
    m.put("GET /api/drafts", this::draftsAreSeenByTheirEndWithinClearance);
    m.put("POST /api/drafts", this::draftingNeedsAnEndInTheExchange);
    m.put("POST /api/exchanges/{exchange}/cables", this::releasingATextNeedsAnEndInTheExchange);
    m.put("GET /api/drafts/{id}", () -> draftRoute("GET", "", null));
    m.put("GET /log/checkpoint", () -> theLogsHashesAreTheSameForEveryone("/log/checkpoint"));
    m.put("GET /api/log", () -> theLogsHashesAreTheSameForEveryone("/api/log"));
    m.put(
        "GET /api/log/checkpoints",
        () -> theLogsHashesAreTheSameForEveryone("/api/log/checkpoints"));
    m.put(
        "GET /api/log/proofs/inclusion",
        () -> theLogsHashesAreTheSameForEveryone("/api/log/proofs/inclusion?index=3&size=9"));
    m.put(
        "GET /api/log/proofs/consistency",
        () -> theLogsHashesAreTheSameForEveryone("/api/log/proofs/consistency?first=3&second=9"));
    m.put("GET /log/tile/<tile>", this::hashTilesForAllAndEntryBundlesOnlyWhole);
    m.put("POST /api/log/checkpoints", () -> adminOnly("POST", "/api/log/checkpoints", "{}"));
    m.put("POST /api/log/verify", () -> adminOnly("POST", "/api/log/verify", "{}"));
    m.put("GET /api/peers", () -> adminOnly("GET", "/api/peers", null));
    m.put(
        "POST /api/peers",
        () ->
            adminOnly(
                "POST",
                "/api/peers",
                "{\"name\":\"PEERX\",\"url\":\"http://127.0.0.1:1\",\"key\":\""
                    + SigningKeys.publicKeyText(SigningKeys.generate())
                    + "\"}"));
    m.put(
        "PUT /api/peers/{peer}/link",
        () -> {
          station.store.addPeer(
              "LINKP",
              "http://127.0.0.1:1",
              SigningKeys.publicKeyText(SigningKeys.generate()),
              "admin");
          adminOnly("PUT", "/api/peers/LINKP/link", "{\"down\":true}");
        });
    m.put(
        "PUT /api/channels/{channel}/ends/{end}/station",
        () -> adminOnly("PUT", "/api/channels/OTHER/ends/WEST/station", "{\"station\":null}"));
    m.put(
        "POST /admin/links",
        () -> {
          station.store.addPeer(
              "LINKW",
              "http://127.0.0.1:1",
              SigningKeys.publicKeyText(SigningKeys.generate()),
              "admin");
          adminPage("/admin/links", "peer=LINKW&action=down");
        });
    m.put("POST /relay/v1/cables", () -> onlyASignedPeer("/relay/v1/cables"));
    m.put("POST /relay/v1/reports", () -> onlyASignedPeer("/relay/v1/reports"));
    m.put("POST /relay/v1/add-checkpoint", () -> onlyASignedPeer("/relay/v1/add-checkpoint"));
    m.put("GET /api/log/entries/{index}", this::logEntriesOnlyToWhoMayReadWhatTheyName);
    m.put(
        "GET /api/exchanges/{exchange}/cables/{designator}/proof",
        this::receiptProofsOnlyToWhoSeesTheReceipt);
    m.put("GET /", this::theHomePageSendsToLoginOrInbox);
    m.put("GET /login", this::theLoginPageShowsNoCable);
    m.put("POST /login", this::aFailedLoginPageTellsNothing);
    m.put("POST /logout", this::loggingOutOfThePagesEndsOnlyHisSession);
    m.put("GET /inbox", () -> theInboxPageHoldsOnlyHisEnvelopes("/inbox"));
    m.put("GET /inbox/list", () -> theInboxPageHoldsOnlyHisEnvelopes("/inbox/list"));
    m.put(
        "GET /exchanges/{exchange}/cables/{designator}", () -> theCablePageAnswersByThePolicy(""));
    m.put(
        "GET /exchanges/{exchange}/cables/{designator}/print",
        () -> theCablePageAnswersByThePolicy("/print"));
    m.put(
        "POST /exchanges/{exchange}/cables/{designator}/acknowledge",
        () -> actingOnAPageNeedsACableHeMayKnow("/acknowledge"));
    m.put(
        "POST /exchanges/{exchange}/cables/{designator}/pass",
        () -> actingOnAPageNeedsACableHeMayKnow("/pass"));
    m.put("GET /assets/{name}", this::assetsAreTheSameForEveryone);
    m.put("GET /exchanges/{exchange}", this::theExchangePageDrawsOnlyCablesHeMayKnow);
    m.put("GET /exchanges/{exchange}/compose", this::composingNeedsAnEndInTheExchange);
    m.put("POST /exchanges/{exchange}/compose", this::aComposedCableNeedsAnEndInTheExchange);
    m.put("GET /drafts", this::theDraftsPageListsWhatTheDraftsApiDoes);
    m.put("GET /setup", this::theSetupPageIsTheSameForEveryone);
    m.put("POST /setup", this::aFailedSetupPageTellsNothing);
    m.put("GET /admin", this::administrationIsForAdministratorsAndDutyOfficers);
    m.put(
        "POST /admin/users",
        () -> adminPage("/admin/users", "name=x2&clearance=SECRET&roles=STAFF"));
    m.put(
        "POST /admin/members",
        () -> {
          // a user of no case, so that his membership changes no one's expectations
          station.user("bystander", Classification.SECRET, Set.of(), Role.STAFF);
          adminPage("/admin/members", "channel=OTHER&end=WEST&user=bystander");
        });
    m.put("POST /admin/caveats", () -> adminPage("/admin/caveats", "name=DELTA"));
    m.put(
        "POST /admin/members/remove",
        () -> {
          station.user("bystander2", Classification.SECRET, Set.of(), Role.STAFF);
          station.store.putMember("OTHER", "WEST", "bystander2", false, "admin");
          adminPage("/admin/members/remove", "channel=OTHER&end=WEST&user=bystander2");
        });
    m.put(
        "POST /admin/ends",
        () -> {
          adminPage("/admin/ends", "channel=OTHER&end=WEST&secondApproval=true");
          // the other cases expect no second approval there
          assertThat(
                  session("admin")
                      .form("/admin/ends", "channel=OTHER&end=WEST&secondApproval=false")
                      .status())
              .isEqualTo(303);
        });
    m.put(
        "POST /admin/users/state",
        () -> {
          station.user("bystander3", Classification.SECRET, Set.of(), Role.STAFF);
          adminPage("/admin/users/state", "name=bystander3&disabled=true");
        });
    m.put(
        "POST /admin/holds", () -> adminPage("/admin/holds", "channel=OTHER&end=WEST&action=hold"));
    m.put("GET /drafts/{id}", () -> draftPage(false, ""));
    m.put("POST /drafts/{id}/approve", () -> draftPage(true, "/approve"));
    m.put("POST /drafts/{id}/release", () -> draftPage(true, "/release"));
    m.put(
        "GET /exchanges/{exchange}/cables/{designator}/timeline",
        this::theTimelineShowsNoReaderTheReceiptsApiWouldNot);
    m.put("PUT /api/drafts/{id}", () -> draftRoute("PUT", "", "{\"text\":\"x\"}"));
    m.put("DELETE /api/drafts/{id}", () -> draftRoute("DELETE", "", null));
    m.put("POST /api/drafts/{id}/approve", () -> draftRoute("POST", "/approve", null));
    m.put("POST /api/drafts/{id}/release", () -> draftRoute("POST", "/release", null));
    m.put(
        "PUT /api/channels/{channel}/ends/{end}/hold",
        () -> holdIsForDutyOfficersAndAdministrators("PUT"));
    m.put(
        "DELETE /api/channels/{channel}/ends/{end}/hold",
        () -> holdIsForDutyOfficersAndAdministrators("DELETE"));
    return m;
  }

  @Test
  void everyServedRouteHasACase() {
    assertThat(new TreeSet<>(station.server.servedRoutes()))
        .containsExactlyElementsOf(new TreeSet<>(cases().keySet()));
  }

  @TestFactory
  Stream<DynamicTest> everyRouteShowsEachUserNoMoreThanThePolicyGives() {
    return cases().entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().run()));
  }

  // ---- cases ----

  /** The latest checkpoint, signed now if the log grew. */
  private long checkpointNow() {
    Http.Answer a = clients.get("admin").post("/api/log/checkpoints", "{}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().get("size").asLong();
  }

  private void theLogsHashesAreTheSameForEveryone(String path) {
    checkpointNow();
    Http.Answer anonymous = station.anonymous().get(path);
    assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
    assertNoContent(anonymous.body());
    forEachUser(u -> assertThat(clients.get(u).get(path).body()).isEqualTo(anonymous.body()));
  }

  private void hashTilesForAllAndEntryBundlesOnlyWhole() {
    long size = checkpointNow();
    String tile = "/log/tile/0/000.p/" + Math.min(255, size);
    String bundle = "/log/tile/entries/000.p/" + Math.min(255, size);
    Http.Answer hashes = station.anonymous().get(tile);
    assertThat(hashes.status()).isEqualTo(200);
    assertThat(station.anonymous().get(bundle).status()).isEqualTo(401);
    Set<String> refusals = new TreeSet<>();
    forEachUser(
        u -> {
          assertThat(clients.get(u).get(tile).body()).isEqualTo(hashes.body());
          Http.Answer a = clients.get(u).get(bundle);
          assertThat(a.status())
              .as(u + ": the bundle holds entries of cables no one may read all of")
              .isEqualTo(404);
          refusals.add(a.body());
        });
    assertThat(refusals).hasSize(1);
  }

  private void logEntriesOnlyToWhoMayReadWhatTheyName() {
    checkpointNow();
    forEachUser(
        u -> {
          Http client = clients.get(u);
          Http.Answer none = client.get("/api/log/entries/99999");
          assertThat(none.status()).isEqualTo(404);
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            long index =
                station.store.loggedForCable(e.getValue().id()).stream()
                    .filter(l -> l.event().kind().equals("CABLE_RELEASED"))
                    .findFirst()
                    .orElseThrow()
                    .index();
            Http.Answer a = client.get("/api/log/entries/" + index);
            if (expected.get(u).get(e.getKey()) == Access.CONTENT) {
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(200);
              assertNoContent(a.body());
            } else {
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(404);
              assertThat(a.body()).isEqualTo(none.body().replace("99999", "" + index));
            }
          }
          Http.Answer setUp = client.get("/api/log/entries/0");
          assertThat(setUp.status())
              .as(u + ": the station's set-up is the administrators'")
              .isEqualTo(u.equals("admin") ? 200 : 404);
        });
  }

  private void receiptProofsOnlyToWhoSeesTheReceipt() {
    forEachUser(
        u -> {
          Http client = clients.get(u);
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            StoredCable c = e.getValue();
            String path =
                "/api/exchanges/" + c.exchange() + "/cables/" + encode(e.getKey()) + "/proof";
            Http.Answer proof = client.get(path + "?reader=haig&kind=DELIVERED");
            Access access = expected.get(u).get(e.getKey());
            // Hakto cables reach haig; kissinger sent them and sees every reader's receipts; a
            // delivery names every reader it reached, so not even haig sees it
            boolean theirs = e.getKey().startsWith("Hakto");
            if (theirs && access == Access.CONTENT && u.equals("kissinger")) {
              assertThat(proof.status()).as(u + " " + e.getKey() + proof.body()).isEqualTo(200);
            } else {
              assertThat(proof.status()).as(u + " " + e.getKey()).isEqualTo(404);
            }
            assertNoContent(proof.body());
          }
        });
  }

  private void forEachUser(Consumer<String> check) {
    expected.keySet().forEach(check);
  }

  private void openapiIsTheSameForEveryone() {
    String anonymous = station.anonymous().get("/api/openapi.json").body();
    forEachUser(
        u -> assertThat(clients.get(u).get("/api/openapi.json").body()).isEqualTo(anonymous));
  }

  private void aFailedLoginTellsNothing() {
    Set<String> bodies = new TreeSet<>();
    for (String u : List.of("haig", "admin", "nobody-at-all")) {
      Http.Answer a =
          station
              .anonymous()
              .post("/api/login", "{\"name\":\"" + u + "\",\"password\":\"wrong password!\"}");
      assertThat(a.status()).isEqualTo(401);
      bodies.add(a.body());
    }
    assertThat(bodies).hasSize(1);
  }

  private void aFailedSetupTellsNothing() {
    Set<String> bodies = new TreeSet<>();
    for (String u : List.of("haig", "nobody-at-all")) {
      Http.Answer a =
          station
              .anonymous()
              .post(
                  "/api/setup",
                  "{\"name\":\""
                      + u
                      + "\",\"setupToken\":\"guess\",\"password\":\"a long new password\"}");
      assertThat(a.status()).isEqualTo(401);
      bodies.add(a.body());
    }
    assertThat(bodies).hasSize(1);
  }

  private void logoutEndsOnlyTheCallersOwnToken() {
    Http first = station.token("outsider");
    Http second = station.token("outsider");
    assertThat(first.post("/api/logout", null).status()).isEqualTo(204);
    assertThat(first.get("/api/me").status()).isEqualTo(401);
    assertThat(second.get("/api/me").status()).isEqualTo(200);
    forEachUser(u -> assertThat(clients.get(u).get("/api/me").status()).isEqualTo(200));
  }

  private void meIsOnlyHimself() {
    forEachUser(
        u -> {
          JsonNode me = clients.get(u).get("/api/me").json();
          assertThat(me.get("name").asText()).isEqualTo(u);
          assertThat(me.toString()).doesNotContain("password", "hash", "setupToken");
        });
  }

  private void adminOnly(String method, String path, String body) {
    Set<String> refusals = new TreeSet<>();
    forEachUser(
        u -> {
          if (u.equals("admin")) {
            return;
          }
          Http.Answer a = clients.get(u).send(method, path, body);
          assertThat(a.status()).as(u + " " + method + " " + path).isEqualTo(403);
          refusals.add(a.body());
        });
    assertThat(refusals)
        .as("the same refusal for everyone, whatever the target")
        .containsExactly(
            "{\"code\":\"FORBIDDEN\",\"message\":\"this needs the role ADMINISTRATOR\",\"field\":\"\"}");
    Http.Answer a = clients.get("admin").send(method, path, body);
    assertThat(a.status()).as(a.body()).isBetween(200, 299);
    assertNoContent(a.body());
  }

  /**
   * A route peers call takes no session or token: every user, and anyone, is refused alike for the
   * want of a peer's signature, and nothing is stored.
   */
  private void onlyASignedPeer(String path) {
    long events = station.store.events(0, Integer.MAX_VALUE).size();
    Set<String> refusals = new TreeSet<>();
    forEachUser(
        u -> {
          Http.Answer a = clients.get(u).post(path, "{\"cables\":[],\"reports\":[]}");
          assertThat(a.status()).as(u + " " + path).isEqualTo(401);
          refusals.add(a.body());
        });
    Http.Answer anonymous = station.anonymous().post(path, "{\"cables\":[],\"reports\":[]}");
    assertThat(anonymous.status()).isEqualTo(401);
    refusals.add(anonymous.body());
    assertThat(refusals)
        .containsExactly(
            "{\"code\":\"SIGNATURE\",\"message\":\"the message is not signed: it has no"
                + " Signature-Input\",\"field\":\"signature\"}");
    assertThat(station.store.events(0, Integer.MAX_VALUE)).hasSize((int) events);
  }

  private void theRegistryIsTheSameForEveryone() {
    String admin = clients.get("admin").get("/api/caveats").body();
    assertThat(admin).contains("SENSITIVE");
    forEachUser(u -> assertThat(clients.get(u).get("/api/caveats").body()).isEqualTo(admin));
  }

  private void exchangesAreThoseOfHisChannels() {
    Map<String, Set<String>> byUser = new TreeMap<>();
    forEachUser(
        u -> {
          Set<String> names = new TreeSet<>();
          clients
              .get(u)
              .get("/api/exchanges")
              .json()
              .forEach(x -> names.add(x.get("name").asText()));
          byUser.put(u, names);
          assertNoContent(clients.get(u).get("/api/exchanges").body());
        });
    assertThat(byUser.get("haig")).containsExactly("OCT72");
    assertThat(byUser.get("lowclear")).containsExactly("OCT72");
    assertThat(byUser.get("easterner")).containsExactly("NOV72");
    assertThat(byUser.get("outsider")).isEmpty();
    assertThat(byUser.get("scowcroft"))
        .as("no member, but named on a cable of it he may read")
        .containsExactly("OCT72");
    assertThat(byUser.get("admin")).contains("OCT72", "NOV72");
  }

  private void listsHoldExactlyTheEnvelopesHeMayKnow() {
    forEachUser(
        u -> {
          for (String query :
              List.of(
                  "",
                  "?exchange=OCT72",
                  "?exchange=NOV72",
                  "?series=HAKTO",
                  "?precedence=ROUTINE")) {
            Http.Answer a = clients.get(u).get("/api/cables" + query);
            assertThat(a.status()).isEqualTo(200);
            assertNoContent(a.body());
            List<String> seen = new ArrayList<>();
            a.json()
                .forEach(
                    c -> seen.add(c.get("designator").get("text").asText().replaceAll("/.*", "")));
            List<String> allowed = new ArrayList<>();
            cables.forEach(
                (d, c) -> {
                  if (expected.get(u).get(d) != Access.NONE && matches(c, query)) {
                    allowed.add(d);
                  }
                });
            assertThat(seen).as(u + " " + query).containsExactlyInAnyOrderElementsOf(allowed);
          }
        });
  }

  private static boolean matches(StoredCable c, String query) {
    if (query.startsWith("?exchange=")) {
      return c.exchange().equals(query.substring(10));
    }
    if (query.startsWith("?series=")) {
      return c.designatorText().toUpperCase(java.util.Locale.ROOT).startsWith(query.substring(8));
    }
    if (query.startsWith("?precedence=")) {
      return c.cable().precedence().name().equals(query.substring(12));
    }
    return true;
  }

  private void oneCableAnswersByThePolicy() {
    forEachUser(
        u -> {
          Http client = clients.get(u);
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            String d = e.getKey();
            StoredCable c = e.getValue();
            String path = "/api/exchanges/" + c.exchange() + "/cables/" + encode(d);
            Http.Answer a = client.get(path);
            Access access = expected.get(u).get(d);
            switch (access) {
              case NONE -> {
                // the same answer as a cable that does not exist at all
                String missing =
                    d.replace(" 1", " 91")
                        .replace(" 2", " 92")
                        .replace(" 3", " 93")
                        .replace(" 4", " 94");
                Http.Answer none =
                    client.get("/api/exchanges/" + c.exchange() + "/cables/" + encode(missing));
                assertThat(a.status()).as(u + " " + d).isEqualTo(404).isEqualTo(none.status());
                assertThat(a.body()).isEqualTo(none.body().replace(missing, d));
                assertThat(withoutDate(a.headers())).isEqualTo(withoutDate(none.headers()));
                Http.Answer noExchange = client.get("/api/exchanges/NOSUCH/cables/" + encode(d));
                assertThat(noExchange.body()).isEqualTo(a.body().replace(c.exchange(), "NOSUCH"));
              }
              case ENVELOPE -> {
                assertThat(a.status()).as(u + " " + d).isEqualTo(200);
                JsonNode j = a.json();
                assertThat(j.get("access").asText()).isEqualTo("ENVELOPE");
                for (String field :
                    List.of(
                        "subject",
                        "handling",
                        "passTo",
                        "references",
                        "paragraphs",
                        "sha256",
                        "canonical")) {
                  assertThat(j.has(field)).as(u + " " + d + " " + field).isFalse();
                }
                assertNoContent(a.body());
              }
              case CONTENT -> {
                assertThat(a.status()).as(u + " " + d).isEqualTo(200);
                JsonNode j = a.json();
                assertThat(j.get("access").asText()).isEqualTo("CONTENT");
                assertThat(j.get("sha256").asText()).isEqualTo(c.sha256());
                assertThat(j.get("canonical").asText()).isEqualTo(c.canonical());
              }
            }
          }
        });
  }

  private void factsCountOnlyWhatHeMayKnow() {
    forEachUser(
        u -> {
          for (String exchange : List.of("OCT72", "NOV72")) {
            Http.Answer a = clients.get(u).get("/api/exchanges/" + exchange + "/facts");
            Map<String, Integer> held = new TreeMap<>();
            cables.forEach(
                (d, c) -> {
                  if (c.exchange().equals(exchange) && expected.get(u).get(d) != Access.NONE) {
                    held.merge(d.split(" ")[0].toUpperCase(java.util.Locale.ROOT), 1, Integer::sum);
                  }
                });
            // the rule of the exchange lists (AccessPolicy.knowsExchange): the administrator knows
            // every exchange, and its facts hold none of the cables he may not know of
            boolean knows = clientIsMember(u, exchange) || u.equals("admin");
            if (held.isEmpty() && !knows) {
              Http.Answer none = clients.get(u).get("/api/exchanges/NOSUCH/facts");
              assertThat(a.status()).as(u + " " + exchange).isEqualTo(404);
              assertThat(a.body()).isEqualTo(none.body().replace("NOSUCH", exchange));
              continue;
            }
            assertThat(a.status()).as(u + " " + exchange).isEqualTo(200);
            assertNoContent(a.body());
            Map<String, Integer> counted = new TreeMap<>();
            a.json()
                .get("series")
                .forEach(
                    s -> {
                      if (s.get("held").asInt() > 0) {
                        counted.put(s.get("name").asText(), s.get("held").asInt());
                      }
                    });
            assertThat(counted).as(u + " " + exchange).isEqualTo(held);
          }
        });
  }

  private void receiptsOnlyOfCablesHeMayKnow() {
    forEachUser(
        u -> {
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            String base = "/api/exchanges/" + e.getValue().exchange() + "/cables/";
            Http.Answer a = clients.get(u).get(base + encode(e.getKey()) + "/receipts");
            if (expected.get(u).get(e.getKey()) == Access.NONE) {
              Http.Answer none = clients.get(u).get(base + encode("Hakto 99") + "/receipts");
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(404);
              assertThat(a.body()).isEqualTo(none.body().replace("Hakto 99", e.getKey()));
            } else {
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(200);
              boolean sender =
                  expected.get(u).get(e.getKey()) == Access.CONTENT
                      && (u.equals("kissinger") && e.getKey().startsWith("Hakto")
                          || u.equals("haig") && e.getKey().startsWith("Tohak")
                          || u.equals("staff") && e.getKey().startsWith("Tohak")
                          || u.equals("nocaveat") && e.getKey().startsWith("Tohak")
                          || u.equals("lowclear") && e.getKey().startsWith("Tohak")
                          || u.equals("easterner"));
              a.json()
                  .forEach(
                      r -> {
                        if (!sender) {
                          assertThat(r.get("reader").asText())
                              .as(u + " " + e.getKey())
                              .isEqualTo(u);
                        }
                      });
            }
          }
        });
  }

  private void reportingNeedsACableHeMayKnow() {
    forEachUser(
        u -> {
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            String base = "/api/exchanges/" + e.getValue().exchange() + "/cables/";
            String body = "{\"kind\":\"ACKNOWLEDGED\"}";
            Http.Answer a = clients.get(u).post(base + encode(e.getKey()) + "/receipts", body);
            if (expected.get(u).get(e.getKey()) == Access.NONE) {
              Http.Answer none = clients.get(u).post(base + encode("Hakto 99") + "/receipts", body);
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(404);
              assertThat(a.body()).isEqualTo(none.body().replace("Hakto 99", e.getKey()));
            } else {
              assertThat(a.status()).as(u + " " + e.getKey() + " " + a.body()).isIn(200, 409);
              assertNoContent(a.body());
            }
          }
        });
  }

  private void liveEventsCarryOnlyEnvelopesHeMayKnow() {
    Map<String, Http.Stream> streams = new LinkedHashMap<>();
    try {
      forEachUser(u -> streams.put(u, clients.get(u).stream("/api/events/stream")));
      forEachUser(u -> assertThat(streams.get(u).status()).as(u).isEqualTo(200));
      Http.Answer draft =
          clients
              .get("kissinger")
              .post(
                  "/api/drafts",
                  "{\"exchange\":\"OCT72\",\"text\":\"FLASH\\nTOP SECRET SENSITIVE EXCLUSIVELY EYES"
                      + " ONLY\\nFROM: KISSINGER\\nTO: HAIG\\n\\n1. LIVE AND ALONE.\\n\"}");
      assertThat(draft.status()).as(draft.body()).isEqualTo(201);
      Http.Answer released =
          clients
              .get("kissinger")
              .post(
                  "/api/drafts/" + draft.json().get("id").asLong() + "/release",
                  "{\"confirm\":true}");
      assertThat(released.status()).as(released.body()).isEqualTo(201);
      String designator = released.json().get("designator").get("text").asText();
      // the same label and parties as Hakto 3: the other cases check it as they check that one
      String key = designator.replaceAll("/.*", "");
      cables.put(
          key,
          station
              .store
              .cable(
                  "OCT72",
                  new Series("HAKTO"),
                  released.json().get("designator").get("serial").asInt())
              .orElseThrow());
      expected.values().forEach(m -> m.put(key, m.get("Hakto 3")));
      Set<String> told = Set.of("haig", "staff", "nocaveat");
      for (String u : told) {
        String data = next(streams.get(u), java.time.Duration.ofSeconds(10));
        assertThat(data).as(u).isNotNull().contains(designator);
        assertNoContent(data);
        assertThat(data).doesNotContain("paragraphs", "subject", "sha256");
      }
      forEachUser(
          u -> {
            if (!told.contains(u)) {
              assertThat(next(streams.get(u), java.time.Duration.ofMillis(300))).as(u).isNull();
            }
          });
    } finally {
      streams.values().forEach(Http.Stream::close);
    }
  }

  private static String next(Http.Stream stream, java.time.Duration timeout) {
    try {
      return stream.next("delivered", timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void passingNeedsACableHeMayKnow() {
    forEachUser(
        u -> {
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            String base = "/api/exchanges/" + e.getValue().exchange() + "/cables/";
            String body = "{\"to\":\"THE PRESIDENT\"}";
            Http.Answer a = clients.get(u).post(base + encode(e.getKey()) + "/pass", body);
            if (expected.get(u).get(e.getKey()) == Access.NONE) {
              Http.Answer none = clients.get(u).post(base + encode("Hakto 99") + "/pass", body);
              assertThat(a.status()).as(u + " " + e.getKey()).isEqualTo(404);
              assertThat(a.body()).isEqualTo(none.body().replace("Hakto 99", e.getKey()));
            } else {
              assertThat(a.status()).as(u + " " + e.getKey() + " " + a.body()).isIn(400, 403);
              assertNoContent(a.body());
            }
          }
        });
  }

  private void inboxHoldsOnlyWhatWasDeliveredToHim() {
    forEachUser(
        u -> {
          Http.Answer a = clients.get(u).get("/api/inbox");
          assertThat(a.status()).isEqualTo(200);
          assertNoContent(a.body());
          a.json()
              .forEach(
                  c -> {
                    String d = c.get("designator").get("text").asText().replaceAll("/.*", "");
                    assertThat(expected.get(u).get(d)).as(u + " " + d).isNotEqualTo(Access.NONE);
                  });
        });
    assertThat(clients.get("admin").get("/api/inbox").json()).isEmpty();
    assertThat(clients.get("outsider").get("/api/inbox").json()).isEmpty();
    assertThat(clients.get("staff").get("/api/inbox").json()).isNotEmpty();
  }

  private long kissingerDraft = -1;

  /** A TOP SECRET SENSITIVE draft of the HAK end, readable by kissinger alone. */
  private long kissingerDraft() {
    if (kissingerDraft < 0) {
      Http.Answer a =
          clients
              .get("kissinger")
              .post(
                  "/api/drafts",
                  "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET SENSITIVE\\nFROM:"
                      + " KISSINGER\\nTO: HAIG\\n\\n1. A DRAFT ABOUT THE HOLDOUT.\\n\"}");
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      kissingerDraft = a.json().get("id").asLong();
    }
    return kissingerDraft;
  }

  private void draftsAreSeenByTheirEndWithinClearance() {
    long id = kissingerDraft();
    Http.Answer wh =
        clients
            .get("haig")
            .post(
                "/api/drafts",
                "{\"exchange\":\"OCT72\",\"text\":\"ROUTINE\\nSECRET\\nFROM: HAIG\\nTO:"
                    + " KISSINGER\\n\\n1. A SECRET DRAFT.\\n\"}");
    assertThat(wh.status()).as(wh.body()).isEqualTo(201);
    long whId = wh.json().get("id").asLong();
    forEachUser(
        u -> {
          Set<Long> seen = new TreeSet<>();
          clients.get(u).get("/api/drafts").json().forEach(d -> seen.add(d.get("id").asLong()));
          Set<Long> allowed = new TreeSet<>();
          if (u.equals("kissinger")) {
            allowed.add(id);
          }
          if (Set.of("haig", "staff", "nocaveat", "lowclear").contains(u)) {
            allowed.add(whId);
          }
          assertThat(seen).as(u).containsAll(allowed);
          assertThat(seen).as(u).doesNotContain(u.equals("kissinger") ? whId : id);
        });
  }

  private void draftingNeedsAnEndInTheExchange() {
    String body =
        "{\"exchange\":\"OCT72\",\"text\":\"ROUTINE\\nSECRET\\nFROM: HAIG\\nTO: KISSINGER\\n\\n1. X.\\n\"}";
    for (String u : List.of("outsider", "scowcroft", "president", "admin", "easterner")) {
      Http.Answer a = clients.get(u).post("/api/drafts", body);
      Http.Answer none = clients.get(u).post("/api/drafts", body.replace("OCT72", "NOSUCH"));
      assertThat(a.status()).as(u).isEqualTo(404);
      assertThat(a.body()).isEqualTo(none.body().replace("NOSUCH", "OCT72"));
    }
  }

  private void releasingATextNeedsAnEndInTheExchange() {
    String body = "{\"text\":\"ROUTINE\\nSECRET\\nFROM: HAIG\\nTO: KISSINGER\\n\\n1. X.\\n\"}";
    for (String u : List.of("outsider", "scowcroft", "president", "admin", "easterner")) {
      Http.Answer a = clients.get(u).post("/api/exchanges/OCT72/cables", body);
      Http.Answer none = clients.get(u).post("/api/exchanges/NOSUCH/cables", body);
      assertThat(a.status()).as(u).isEqualTo(404);
      assertThat(a.body()).isEqualTo(none.body().replace("NOSUCH", "OCT72"));
    }
  }

  private void draftRoute(String method, String suffix, String body) {
    long id = kissingerDraft();
    forEachUser(
        u -> {
          if (u.equals("kissinger")) {
            return;
          }
          Http.Answer a = clients.get(u).send(method, "/api/drafts/" + id + suffix, body);
          Http.Answer none = clients.get(u).send(method, "/api/drafts/999999" + suffix, body);
          assertThat(a.status()).as(u + " " + method + " " + suffix).isEqualTo(404);
          assertThat(a.body()).isEqualTo(none.body().replace("999999", String.valueOf(id)));
          assertNoContent(a.body());
        });
    if (method.equals("GET")) {
      assertThat(clients.get("kissinger").get("/api/drafts/" + id).status()).isEqualTo(200);
    }
  }

  /** A draft's page answers those outside its end exactly like a draft that does not exist. */
  private void draftPage(boolean post, String suffix) {
    long id = kissingerDraft();
    forEachUser(
        u -> {
          if (u.equals("kissinger")) {
            return;
          }
          Http.Answer a =
              post
                  ? session(u).form("/drafts/" + id + suffix, "")
                  : session(u).get("/drafts/" + id + suffix);
          Http.Answer none =
              post
                  ? session(u).form("/drafts/999999" + suffix, "")
                  : session(u).get("/drafts/999999" + suffix);
          assertThat(a.status()).as(u + " " + suffix).isEqualTo(404);
          assertThat(a.body()).isEqualTo(none.body().replace("999999", String.valueOf(id)));
          assertNoContent(a.body());
        });
    if (!post) {
      assertThat(session("kissinger").get("/drafts/" + id).status()).isEqualTo(200);
    }
  }

  private void holdIsForDutyOfficersAndAdministrators(String method) {
    Set<String> refusals = new TreeSet<>();
    for (String channel : List.of("BC", "OTHER", "NOSUCH")) {
      forEachUser(
          u -> {
            if (u.equals("admin")) {
              return;
            }
            Http.Answer a =
                clients.get(u).send(method, "/api/channels/" + channel + "/ends/WH/hold", null);
            assertThat(a.status()).as(u + " " + channel).isEqualTo(403);
            refusals.add(a.body());
          });
    }
    assertThat(refusals).hasSize(1);
    Http.Answer a = clients.get("admin").send(method, "/api/channels/OTHER/ends/WEST/hold", null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertNoContent(a.body());
  }

  private boolean clientIsMember(String user, String exchange) {
    JsonNode me = clients.get(user).get("/api/me").json();
    String channel = exchange.equals("OCT72") ? "BC" : "OTHER";
    for (JsonNode end : me.get("ends")) {
      if (end.get("channel").asText().equals(channel)) {
        return true;
      }
    }
    return false;
  }

  private static void assertNoContent(String body) {
    assertThat(body).doesNotContain(CONTENT_WORDS);
  }

  private static Map<String, List<String>> withoutDate(Map<String, List<String>> headers) {
    Map<String, List<String>> m = new TreeMap<>(headers);
    m.remove("date");
    m.remove("Date");
    m.remove("content-length");
    return m;
  }

  /** A browser session of each user, made once: the pages' own way in. */
  private final Map<String, Http> sessions = new LinkedHashMap<>();

  private Http session(String user) {
    return sessions.computeIfAbsent(user, station::browser);
  }

  private void theHomePageSendsToLoginOrInbox() {
    assertThat(station.anonymous().get("/").header("Location")).hasValue("/login");
    forEachUser(u -> assertThat(session(u).get("/").header("Location")).hasValue("/inbox"));
  }

  private void theLoginPageShowsNoCable() {
    Http.Answer a = station.anonymous().get("/login");
    assertThat(a.status()).isEqualTo(200);
    assertNoContent(a.body());
    cables.keySet().forEach(d -> assertThat(a.body()).doesNotContain(d));
    assertThat(station.anonymous().get("/inbox").header("Location"))
        .hasValue("/login?next=%2Finbox");
    cables
        .values()
        .forEach(
            c -> {
              Http.Answer page = station.anonymous().get(WebUiPaths.cable(c));
              assertThat(page.status()).isEqualTo(303);
              assertNoContent(page.body());
            });
  }

  private void aFailedLoginPageTellsNothing() {
    Http.Answer crossSite =
        station
            .anonymous()
            .with("Origin", "https://elsewhere.example")
            .form("/login", "name=haig&password=" + encode(TestStation.PASSWORD));
    assertThat(crossSite.status()).as("a login form from another site").isEqualTo(403);
    assertThat(crossSite.header("Set-Cookie")).isEmpty();
    Http.Answer fetchedCrossSite =
        station
            .anonymous()
            .with("Sec-Fetch-Site", "cross-site")
            .with("Origin", "null")
            .form("/login", "name=haig&password=" + encode(TestStation.PASSWORD));
    assertThat(fetchedCrossSite.status()).isEqualTo(403);
    Set<String> bodies = new TreeSet<>();
    for (String u : List.of("haig", "admin", "nobody-at-all")) {
      Http.Answer a =
          station.anonymous().form("/login", "name=" + encode(u) + "&password=wrong-password-1");
      assertThat(a.status()).as(u).isEqualTo(401);
      bodies.add(a.body().replace("value=\"" + u + "\"", "value=\"\""));
    }
    assertThat(bodies).hasSize(1);
  }

  private void loggingOutOfThePagesEndsOnlyHisSession() {
    Http mine = station.browser("haig");
    Http other = station.browser("haig");
    // a form without the session's CSRF token, or with another, changes nothing
    Http noToken = mine.without(StationServer.CSRF_HEADER);
    assertThat(noToken.form("/logout", "").status()).isEqualTo(403);
    assertThat(noToken.form("/logout", "csrf=not-the-token").status()).isEqualTo(403);
    assertThat(mine.get("/inbox").status()).isEqualTo(200);
    assertThat(mine.form("/logout", "").header("Location")).hasValue("/login");
    assertThat(mine.get("/inbox").header("Location")).hasValue("/login?next=%2Finbox");
    assertThat(other.get("/inbox").status()).isEqualTo(200);
    assertThat(station.anonymous().form("/logout", "").header("Location")).hasValue("/login");
  }

  private void theInboxPageHoldsOnlyHisEnvelopes(String path) {
    forEachUser(
        u -> {
          Http.Answer a = session(u).get(path);
          assertThat(a.status()).as(u).isEqualTo(200);
          assertNoContent(a.body());
          cables.forEach(
              (d, c) -> {
                if (expected.get(u).get(d) == Access.NONE) {
                  assertThat(a.body()).as(u + " " + d).doesNotContain(c.designatorText());
                }
              });
        });
  }

  private void theCablePageAnswersByThePolicy(String suffix) {
    forEachUser(
        u -> {
          for (Map.Entry<String, StoredCable> e : cables.entrySet()) {
            String d = e.getKey();
            StoredCable c = e.getValue();
            Http.Answer a = session(u).get(WebUiPaths.cable(c) + suffix);
            switch (expected.get(u).get(d)) {
              case NONE -> {
                String name = WebUiPaths.name(c);
                String missing = name.replaceAll(" (\\d+)$", " 9$1");
                Http.Answer none =
                    session(u)
                        .get("/exchanges/" + c.exchange() + "/cables/" + encode(missing) + suffix);
                assertThat(a.status()).as(u + " " + d).isEqualTo(404).isEqualTo(none.status());
                assertThat(a.body()).isEqualTo(none.body().replace(missing, name));
                assertNoContent(a.body());
                assertThat(a.body()).doesNotContain(c.sha256());
              }
              case ENVELOPE -> {
                assertThat(a.status()).as(u + " " + d).isEqualTo(200);
                assertNoContent(a.body());
                assertThat(a.body()).doesNotContain(c.sha256());
              }
              case CONTENT -> {
                assertThat(a.status()).as(u + " " + d).isEqualTo(200);
                assertThat(a.body()).contains(c.sha256());
              }
            }
          }
        });
  }

  private void actingOnAPageNeedsACableHeMayKnow(String action) {
    forEachUser(
        u ->
            cables.forEach(
                (d, c) -> {
                  if (expected.get(u).get(d) == Access.NONE) {
                    Http.Answer a = session(u).form(WebUiPaths.cable(c) + action, "to=PRESIDENT");
                    assertThat(a.status()).as(u + " " + d).isEqualTo(404);
                    assertNoContent(a.body());
                  }
                }));
  }

  private void theTimelineShowsNoReaderTheReceiptsApiWouldNot() {
    java.util.regex.Pattern reader = java.util.regex.Pattern.compile("data-reader=\"([^\"]+)\"");
    forEachUser(
        u ->
            cables.forEach(
                (d, c) -> {
                  Http.Answer a = session(u).get(WebUiPaths.cable(c) + "/timeline");
                  if (expected.get(u).get(d) == Access.NONE) {
                    assertThat(a.status()).as(u + " " + d).isEqualTo(404);
                    assertNoContent(a.body());
                    return;
                  }
                  assertThat(a.status()).as(u + " " + d).isEqualTo(200);
                  Set<String> allowed = new TreeSet<>();
                  clients
                      .get(u)
                      .get(
                          "/api/exchanges/"
                              + c.exchange()
                              + "/cables/"
                              + encode(WebUiPaths.name(c))
                              + "/receipts")
                      .json()
                      .forEach(r -> allowed.add(r.get("reader").asText()));
                  java.util.regex.Matcher m = reader.matcher(a.body());
                  while (m.find()) {
                    assertThat(allowed).as(u + " " + d).contains(m.group(1));
                  }
                }));
  }

  private void theExchangePageDrawsOnlyCablesHeMayKnow() {
    forEachUser(
        u -> {
          for (String exchange : List.of("OCT72", "NOV72")) {
            Http.Answer page = session(u).get("/exchanges/" + exchange);
            Http.Answer facts = clients.get(u).get("/api/exchanges/" + exchange + "/facts");
            assertThat(page.status()).as(u + " " + exchange).isEqualTo(facts.status());
            assertNoContent(page.body());
            cables.forEach(
                (d, c) -> {
                  boolean drawn = page.body().contains("data-designator=\"" + d + "\"");
                  boolean mayKnow =
                      c.exchange().equals(exchange) && expected.get(u).get(d) != Access.NONE;
                  assertThat(drawn).as(u + " " + exchange + " " + d).isEqualTo(mayKnow);
                });
          }
          Http.Answer none = session(u).get("/exchanges/NOSUCH");
          assertThat(none.status()).isEqualTo(404);
        });
  }

  private void composingNeedsAnEndInTheExchange() {
    forEachUser(
        u -> {
          for (String exchange : List.of("OCT72", "NOV72")) {
            Http.Answer page = session(u).get("/exchanges/" + exchange + "/compose");
            Http.Answer drafting =
                clients
                    .get(u)
                    .post(
                        "/api/drafts",
                        "{\"exchange\":\"" + exchange + "\",\"text\":\"not a cable\"}");
            // the API answers 404 for an exchange with no end of his, 400 for the bad text
            assertThat(page.status() == 404)
                .as(u + " " + exchange)
                .isEqualTo(drafting.status() == 404);
            assertNoContent(page.body());
            cables.forEach(
                (d, c) -> {
                  if (expected.get(u).get(d) == Access.NONE) {
                    assertThat(page.body())
                        .as(u + " " + d)
                        .doesNotContain("value=\"" + d.toUpperCase(java.util.Locale.ROOT) + "\"");
                  }
                });
          }
        });
  }

  private void aComposedCableNeedsAnEndInTheExchange() {
    forEachUser(this::session);
    long drafts = station.store.events(0, 1_000_000).size();
    forEachUser(
        u -> {
          for (String exchange : List.of("OCT72", "NOV72")) {
            Http.Answer a =
                session(u)
                    .form(
                        "/exchanges/" + exchange + "/compose",
                        "action=save&precedence=ROUTINE&to=HAIG&paragraphs=X");
            Http.Answer known = session(u).get("/exchanges/" + exchange + "/compose");
            assertThat(a.status()).as(u + " " + exchange).isIn(404, 422);
            assertThat(a.status() == 404).isEqualTo(known.status() == 404);
            assertNoContent(a.body());
          }
        });
    assertThat(station.store.events(0, 1_000_000)).as("nothing stored").hasSize((int) drafts);
  }

  private void theDraftsPageListsWhatTheDraftsApiDoes() {
    java.util.regex.Pattern id = java.util.regex.Pattern.compile("data-draft=\"(\\d+)\"");
    forEachUser(
        u -> {
          Http.Answer page = session(u).get("/drafts");
          assertThat(page.status()).isEqualTo(200);
          Set<String> api = new TreeSet<>();
          clients.get(u).get("/api/drafts").json().forEach(d -> api.add(d.get("id").asText()));
          Set<String> listed = new TreeSet<>();
          java.util.regex.Matcher m = id.matcher(page.body());
          while (m.find()) {
            listed.add(m.group(1));
          }
          assertThat(listed).as(u).isEqualTo(api);
          assertNoContent(page.body());
        });
  }

  private void theSetupPageIsTheSameForEveryone() {
    String anonymous = station.anonymous().get("/setup").body();
    assertNoContent(anonymous);
    forEachUser(u -> assertThat(session(u).get("/setup").body()).isEqualTo(anonymous));
  }

  private void aFailedSetupPageTellsNothing() {
    Set<String> bodies = new TreeSet<>();
    for (String u : List.of("haig", "admin", "nobody-at-all")) {
      Http.Answer a =
          station
              .anonymous()
              .form(
                  "/setup",
                  "name="
                      + encode(u)
                      + "&token=not-a-token&password=correct-horse-1&again=correct-horse-1");
      assertThat(a.status()).as(u).isEqualTo(401);
      bodies.add(a.body().replace("value=\"" + u + "\"", "value=\"\""));
    }
    assertThat(bodies).hasSize(1);
  }

  private void administrationIsForAdministratorsAndDutyOfficers() {
    forEachUser(
        u -> {
          Http.Answer a = session(u).get("/admin");
          assertThat(a.status()).as(u).isEqualTo(u.equals("admin") ? 200 : 403);
          assertNoContent(a.body());
          cables.values().forEach(c -> assertThat(a.body()).doesNotContain(c.designatorText()));
        });
  }

  /** A change on the administration page: refused to all but the administrator, nothing done. */
  private void adminPage(String path, String form) {
    forEachUser(this::session);
    long before = station.store.events(0, 1_000_000).size();
    forEachUser(
        u -> {
          if (u.equals("admin")) {
            return;
          }
          Http.Answer a = session(u).form(path, form);
          assertThat(a.status()).as(u + " " + path).isEqualTo(403);
          assertNoContent(a.body());
        });
    assertThat(station.store.events(0, 1_000_000)).hasSize((int) before);
    Http.Answer a = session("admin").form(path, form);
    assertThat(a.status()).as(a.body()).isIn(201, 303);
    if (path.equals("/admin/holds")) {
      // the other cases expect the end on the air
      assertThat(session("admin").form(path, form.replace("hold", "resume")).status())
          .isEqualTo(303);
    }
  }

  private void assetsAreTheSameForEveryone() {
    for (String asset : List.of("app.css", "app.js", "htmx.min.js")) {
      Http.Answer anonymous = station.anonymous().get("/assets/" + asset);
      assertThat(anonymous.status()).as(asset).isEqualTo(200);
      forEachUser(
          u -> assertThat(session(u).get("/assets/" + asset).body()).isEqualTo(anonymous.body()));
    }
    assertThat(station.anonymous().get("/assets/station.db").status()).isEqualTo(404);
  }

  /** The web UI's path of a cable: series and serial, as its links write it. */
  private static final class WebUiPaths {
    static String name(StoredCable c) {
      var n = c.cable().designator().orElseThrow().numbered().orElseThrow();
      return n.series().name() + " " + n.serial();
    }

    static String cable(StoredCable c) {
      return "/exchanges/" + c.exchange() + "/cables/" + encode(name(c));
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
