package dev.backchannel.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic through the real HTTP API: drafts and their release (G1), the rules a draft must keep
 * (G3, G9), second approval, delivery and end holds (DESIGN 5.2), {@code seen} and the release
 * warning (G5), receipts (G4, DESIGN 5.3) and the events each change leaves.
 *
 * <p>Channel BC joins the HAK end (kissinger, who may release; lord, who may not) and the WH end
 * (haig, who may release; scowcroft, its duty officer; staff, cleared for SECRET only). Exchange
 * OCT72 has the series HAKTO, sent by HAK, and TOHAK, sent by WH.
 */
class TrafficApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The instant the test clock starts at. */
  private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

  private static final String HAKTO_TEXT =
      "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\n\n1. TEXT.\n";

  private static final String TOHAK_TEXT =
      "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: HAIG\nTO: KISSINGER\n\n1. ANSWER.\n";

  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http lord;
  private Http haig;
  private Http scowcroft;
  private Http staff;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    station.october();
    Set<String> sensitive = Set.of("SENSITIVE");
    station.user("kissinger", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("lord", Classification.TOP_SECRET, sensitive, Role.STAFF);
    station.user("haig", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("scowcroft", Classification.TOP_SECRET, sensitive, Role.DUTY_OFFICER);
    station.user("staff", Classification.SECRET, Set.of(), Role.STAFF);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "HAK", "lord", false, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "scowcroft", false, "admin");
    s.putMember("BC", "WH", "staff", false, "admin");
    kissinger = station.token("kissinger");
    lord = station.token("lord");
    haig = station.token("haig");
    scowcroft = station.token("scowcroft");
    staff = station.token("staff");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  // ---- helpers ----

  private static String json(Object... keysAndValues) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      o.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return o.toString();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(json, e);
    }
  }

  /** An error body as the station writes it, with the lists some errors carry. */
  private static JsonNode error(String code, String message, String field) {
    return JSON.createObjectNode().put("code", code).put("message", message).put("field", field);
  }

  private static void assertError(Http.Answer a, int status, JsonNode body) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.json()).as(a.body()).isEqualTo(body);
  }

  private static Http.Answer saveDraft(Http who, String exchange, String text) {
    return who.post("/api/drafts", json("exchange", exchange, "text", text));
  }

  /** Saves a draft for OCT72 and answers its id. */
  private static long draft(Http who, String text) {
    Http.Answer a = saveDraft(who, "OCT72", text);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().get("id").asLong();
  }

  private static Http.Answer release(Http who, long draft) {
    return who.post("/api/drafts/" + draft + "/release", null);
  }

  private static Http.Answer confirmedRelease(Http who, long draft) {
    return who.post("/api/drafts/" + draft + "/release", json("confirm", true));
  }

  /** Drafts and releases, confirming past any warning; answers the released cable. */
  private static JsonNode released(Http who, String text) {
    Http.Answer a = confirmedRelease(who, draft(who, text));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  private static String hakto(String precedence, String paragraph) {
    return precedence
        + "\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\n\n1. "
        + paragraph
        + "\n";
  }

  private static String designator(JsonNode cable) {
    return cable.get("designator").get("text").asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The designators of a reader's inbox, in its order. */
  private static List<String> inbox(Http who) {
    Http.Answer a = who.get("/api/inbox");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    a.json().forEach(c -> out.add(designator(c)));
    return out;
  }

  private static JsonNode inboxEntry(Http who, String designator) {
    for (JsonNode c : who.get("/api/inbox").json()) {
      if (designator(c).equals(designator)) {
        return c;
      }
    }
    throw new AssertionError(designator + " is not in the inbox");
  }

  private static String cablePath(String designator) {
    return "/api/exchanges/OCT72/cables/" + designator.replace(" ", "%20");
  }

  private static String receiptsPath(String designator) {
    return cablePath(designator) + "/receipts";
  }

  private static Http.Answer report(Http who, String designator, String kind) {
    return who.post(receiptsPath(designator), json("kind", kind, "client", "cli"));
  }

  /** A reader's receipts of a cable as {@code reader kind at client}, in the station's order. */
  private static List<String> receipts(Http who, String designator) {
    Http.Answer a = who.get(receiptsPath(designator));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode r : a.json()) {
      out.add(
          r.get("reader").asText()
              + " "
              + r.get("kind").asText()
              + " "
              + r.get("at").asText()
              + " "
              + r.get("client").asText());
    }
    return out;
  }

  private static String at(Duration sinceStart) {
    return START.plus(sinceStart).toString();
  }

  private void hold(Http who) {
    Http.Answer a = who.put("/api/channels/BC/ends/WH/hold", null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private List<String> resume(Http who) {
    Http.Answer a = who.delete("/api/channels/BC/ends/WH/hold");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return texts(a.json().get("delivered"));
  }

  private void tick() {
    station.clock.advance(Duration.ofMinutes(1));
  }

  private List<StoredEvent> events(String kind) {
    return station.store.events(0, 10_000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  // ---- 1. drafting and release (G1) ----

  @Test
  void aDraftIsSavedForTheSeriesTheDraftersEndSends() {
    Http.Answer a = saveDraft(kissinger, "OCT72", HAKTO_TEXT);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    JsonNode d = a.json();
    assertThat(d.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(d.get("series").asText()).isEqualTo("HAKTO");
    assertThat(d.get("channel").asText()).isEqualTo("BC");
    assertThat(d.get("end").asText()).isEqualTo("HAK");
    assertThat(d.get("author").asText()).isEqualTo("kissinger");
    assertThat(d.get("savedAt").asText()).isEqualTo(START.toString());
    assertThat(d.get("text").asText()).isEqualTo(HAKTO_TEXT);
    assertThat(d.has("approvedBy")).isFalse();
    assertThat(kissinger.get("/api/drafts/" + d.get("id").asLong()).json()).isEqualTo(d);
    assertThat(lord.get("/api/drafts").json()).as("his end's drafts").containsExactly(d);
    assertThat(haig.get("/api/drafts").json()).as("not the other end's").isEmpty();
  }

  @Test
  void releaseNumbersTheCableStampsItsDtgAndRemovesTheDraft() {
    long id = draft(kissinger, HAKTO_TEXT);

    Http.Answer a = release(kissinger, id);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    JsonNode c = a.json();
    assertThat(c.get("designator"))
        .isEqualTo(
            tree(
                "{\"series\":\"HAKTO\",\"serial\":1,\"stationSerial\":{\"prefix\":\"WHS\","
                    + "\"number\":1,\"text\":\"WHS 1\"},\"text\":\"Hakto 1/WHS 1\"}"));
    assertThat(c.get("dtg").asText()).isEqualTo("250900Z NOV 26");
    assertThat(c.get("releasedAt").asText()).isEqualTo(START.toString());
    assertThat(c.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(c.get("seen").asInt()).isZero();
    assertThat(c.get("releasedUnread")).isEmpty();
    assertThat(c.get("canonical").asText())
        .isEqualTo(
            "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nDTG: 250900Z NOV 26\n"
                + "HAKTO 1/WHS 1\n\n1. TEXT.\n");
    assertError(
        kissinger.get("/api/drafts/" + id),
        404,
        error("NOT_FOUND", "there is no draft " + id, "draft"));
    assertThat(kissinger.get("/api/drafts").json()).isEmpty();
    assertError(
        release(kissinger, id), 404, error("NOT_FOUND", "there is no draft " + id, "draft"));
  }

  @Test
  void eachReleaseTakesTheNextSerialOfItsSeries() {
    JsonNode first = released(kissinger, hakto("IMMEDIATE", "FIRST."));
    JsonNode second = released(kissinger, hakto("IMMEDIATE", "SECOND."));
    JsonNode answer = released(haig, TOHAK_TEXT);

    assertThat(designator(first)).isEqualTo("Hakto 1/WHS 1");
    assertThat(designator(second)).isEqualTo("Hakto 2/WHS 2");
    assertThat(designator(answer))
        .as("the other series counts from 1; the station serial runs on")
        .isEqualTo("Tohak 1/WHS 3");
  }

  private static Http.Answer releaseText(Http who, String exchange, String text) {
    return who.post("/api/exchanges/" + exchange + "/cables", json("text", text));
  }

  @Test
  void aTextIsReleasedInOneRequestWithoutASavedDraft() {
    Http.Answer a = releaseText(kissinger, "OCT72", HAKTO_TEXT);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(designator(a.json())).isEqualTo("Hakto 1/WHS 1");
    assertThat(a.json().get("canonical").asText())
        .isEqualTo(
            "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nDTG: 250900Z NOV 26\n"
                + "HAKTO 1/WHS 1\n\n1. TEXT.\n");
    assertThat(inbox(haig)).containsExactly("Hakto 1/WHS 1");
    assertThat(events("CABLE_RELEASED")).hasSize(1);
    assertThat(events("DRAFT_SAVED")).as("no draft was kept").isEmpty();
  }

  @Test
  void aTextReleaseKeepsEveryRuleOfADraftsRelease() {
    assertError(
        releaseText(lord, "OCT72", HAKTO_TEXT),
        403,
        error("FORBIDDEN", "releasing needs release authority at the HAK end", ""));
    assertError(
        releaseText(kissinger, "OCT72", HAKTO_TEXT.replace("TO: HAIG", "TO: NOBODY")),
        400,
        error("INVALID", "NOBODY is not a member of the receiving end of BC", "to"));
    Http.Answer unknownField =
        kissinger.post(
            "/api/exchanges/OCT72/cables", json("text", HAKTO_TEXT, "draft", 1, "confirm", true));
    assertThat(unknownField.status()).as(unknownField.body()).isEqualTo(400);
    assertThat(unknownField.json().get("field").asText()).isEqualTo("draft");
    Http.Answer nowhere = releaseText(kissinger, "NOSUCH", HAKTO_TEXT);
    assertThat(nowhere.status()).as(nowhere.body()).isEqualTo(404);
    assertThat(events("CABLE_RELEASED")).as("nothing was numbered").isEmpty();
  }

  @Test
  void aTextReleaseAsksForConfirmationPastAnUnopenedCable() {
    released(kissinger, HAKTO_TEXT);

    Http.Answer warned = releaseText(haig, "OCT72", TOHAK_TEXT);

    assertThat(warned.status()).as(warned.body()).isEqualTo(409);
    assertThat(warned.json().get("unread")).isEqualTo(tree("[\"Hakto 1\"]"));
    Http.Answer confirmed =
        haig.post("/api/exchanges/OCT72/cables", json("text", TOHAK_TEXT, "confirm", true));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    assertThat(designator(confirmed.json())).isEqualTo("Tohak 1/WHS 2");
  }

  @Test
  void anEndThatNeedsASecondApprovalTakesNoTextRelease() {
    requireSecondApproval();

    assertError(
        releaseText(kissinger, "OCT72", HAKTO_TEXT),
        409,
        error(
            "NEEDS_APPROVAL",
            "the HAK end needs a second person to approve each release: save the text as a draft"
                + " for him to approve",
            "text"));
    assertThat(events("CABLE_RELEASED")).isEmpty();
  }

  @Test
  void aMemberWithoutReleaseAuthorityCanNeitherReleaseNorApprove() {
    long id = draft(kissinger, HAKTO_TEXT);

    assertError(
        release(lord, id),
        403,
        error("FORBIDDEN", "releasing needs release authority at the HAK end", ""));
    assertError(
        lord.post("/api/drafts/" + id + "/approve", null),
        403,
        error("FORBIDDEN", "approving a release needs release authority at the HAK end", ""));
    assertThat(kissinger.get("/api/drafts/" + id).json().has("approvedBy")).isFalse();
    assertThat(designator(released(kissinger, HAKTO_TEXT)))
        .as("nothing was numbered")
        .isEqualTo("Hakto 1/WHS 1");
  }

  @Test
  void aDraftOfTheOtherEndIsNotFoundAsIfItDidNotExist() {
    long id = draft(kissinger, HAKTO_TEXT);
    long missing = id + 1000;

    for (String path : List.of("/api/drafts/" + id, "/api/drafts/" + missing)) {
      String n = path.substring(path.lastIndexOf('/') + 1);
      JsonNode body = error("NOT_FOUND", "there is no draft " + n, "draft");
      assertError(haig.get(path), 404, body);
      assertError(haig.post(path + "/release", null), 404, body);
      assertError(haig.post(path + "/approve", null), 404, body);
    }
  }

  // ---- 2. malformed drafts (G9) ----

  /** Saves a draft that must be refused, and checks nothing was stored. */
  private void refused(Http who, String exchange, String text, int status, JsonNode body) {
    assertError(saveDraft(who, exchange, text), status, body);
    assertThat(who.get("/api/drafts").json()).as("no draft stored").isEmpty();
  }

  private void refused(Http who, String text, JsonNode body) {
    refused(who, "OCT72", text, 400, body);
  }

  private void theNextHaktoIsStillNumberOne() {
    assertThat(designator(released(kissinger, HAKTO_TEXT))).isEqualTo("Hakto 1/WHS 1");
    assertThat(events("DRAFT_SAVED")).as("only the draft released here").hasSize(1);
  }

  @Test
  void aDraftThatIsNotCanonicalTextIsRefusedWithLineAndColumn() {
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM KISSINGER\nTO: HAIG\n\n1. TEXT.\n",
        error(
            "INVALID",
            "3:1: HEADER_EXPECTED: expected the FROM: line here, found \"FROM KISSINGER\"",
            "text"));
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void aDraftWithADtgOrADesignatorIsRefused() {
    JsonNode body =
        error(
            "INVALID",
            "a draft has no DTG and no designator: they are assigned at release",
            "text");
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nDTG: 221530Z OCT 72\n\n"
            + "1. TEXT.\n",
        body);
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nHAKTO 7\n\n1. TEXT.\n",
        body);
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void aLabelAboveTheDraftersClearanceIsRefused() {
    refused(
        staff,
        "IMMEDIATE\nTOP SECRET\nFROM: STAFF\nTO: KISSINGER\n\n1. TEXT.\n",
        error(
            "INVALID",
            "you may assign labels your clearance dominates; TOP SECRET is beyond it",
            "label"));
    refused(
        staff,
        "IMMEDIATE\nSECRET SENSITIVE\nFROM: STAFF\nTO: KISSINGER\n\n1. TEXT.\n",
        error(
            "INVALID",
            "you may assign labels your clearance dominates; SECRET SENSITIVE is beyond it",
            "label"));
    assertThat(
            saveDraft(staff, "OCT72", "IMMEDIATE\nSECRET\nFROM: STAFF\nTO: KISSINGER\n\n1. X.\n")
                .status())
        .as("a label he is cleared for")
        .isEqualTo(201);
  }

  @Test
  void aFromWhoIsNotAMemberOfTheSendingEndIsRefused() {
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: HAIG\nTO: HAIG\n\n1. TEXT.\n",
        error("INVALID", "HAIG is not a member of the HAK end this draft is sent from", "from"));
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void aToWhoIsNotAMemberOfTheReceivingEndIsRefused() {
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG; LORD\n\n1. TEXT.\n",
        error("INVALID", "LORD is not a member of the receiving end of BC", "to"));
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void infoAndPassToMustNameUsersOfTheStation() {
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nINFO: NOBODY\n\n1. TEXT.\n",
        error("INVALID", "NOBODY is not a user of this station", "info"));
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nPASS TO: THE PRESIDENT\n\n"
            + "1. TEXT.\n",
        error("INVALID", "THE PRESIDENT is not a user of this station", "passTo"));
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void aReferenceToACableThatDoesNotExistIsRefused() {
    refused(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nREF: TOHAK 1\n\n1. TEXT.\n",
        error("INVALID", "REF TOHAK 1 names no cable in OCT72", "references"));
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void aReferenceToAnExistingCableIsAccepted() {
    released(haig, TOHAK_TEXT);

    JsonNode c =
        released(
            kissinger,
            "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\nREF: TOHAK 1\n\n1. X.\n");

    assertThat(c.get("references")).isEqualTo(tree("[{\"series\":\"TOHAK\",\"serial\":1}]"));
  }

  @Test
  void anUnknownFieldInTheBodyIsRefused() {
    assertError(
        kissinger.post(
            "/api/drafts", json("exchange", "OCT72", "text", HAKTO_TEXT, "urgent", true)),
        400,
        error("INVALID", "unknown field urgent; this request takes exchange, text", "urgent"));
    assertThat(kissinger.get("/api/drafts").json()).isEmpty();
    theNextHaktoIsStillNumberOne();
  }

  @Test
  void anExchangeWithoutAnEndOfTheDraftersIsNotFoundLikeOneThatDoesNotExist() {
    station.user("outsider", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    Http outsider = station.token("outsider");

    refused(
        outsider,
        "OCT72",
        HAKTO_TEXT,
        404,
        error("NOT_FOUND", "there is no exchange OCT72 with an end of yours", "exchange"));
    refused(
        kissinger,
        "NOV99",
        HAKTO_TEXT,
        404,
        error("NOT_FOUND", "there is no exchange NOV99 with an end of yours", "exchange"));
    theNextHaktoIsStillNumberOne();
  }

  // ---- 3. second approval ----

  private void requireSecondApproval() {
    station.store.setSecondApproval("BC", "HAK", true, "admin");
  }

  private static JsonNode needsApproval() {
    return error(
        "NEEDS_APPROVAL",
        "the HAK end needs a second person to approve this draft before kissinger releases it",
        "draft");
  }

  @Test
  void anEndThatNeedsASecondApprovalRefusesAnUnapprovedRelease() {
    requireSecondApproval();
    long id = draft(kissinger, HAKTO_TEXT);

    assertError(release(kissinger, id), 409, needsApproval());

    assertThat(kissinger.get("/api/drafts/" + id).status()).as("the draft stays").isEqualTo(200);
    assertThat(events("CABLE_RELEASED")).isEmpty();
  }

  @Test
  void theReleaserCannotBeHisOwnSecondApprover() {
    requireSecondApproval();
    long id = draft(kissinger, HAKTO_TEXT);

    Http.Answer approved = kissinger.post("/api/drafts/" + id + "/approve", null);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    assertError(release(kissinger, id), 409, needsApproval());
  }

  @Test
  void anotherMemberWithReleaseAuthorityApprovesAndTheReleaseGoesAhead() {
    requireSecondApproval();
    station.store.putMember("BC", "HAK", "lord", true, "admin");
    long id = draft(kissinger, HAKTO_TEXT);

    Http.Answer approved = lord.post("/api/drafts/" + id + "/approve", null);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("approvedBy").asText()).isEqualTo("lord");

    Http.Answer a = release(kissinger, id);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(designator(a.json())).isEqualTo("Hakto 1/WHS 1");
  }

  @Test
  void savingANewTextDropsTheApproval() {
    requireSecondApproval();
    station.store.putMember("BC", "HAK", "lord", true, "admin");
    long id = draft(kissinger, HAKTO_TEXT);
    assertThat(lord.post("/api/drafts/" + id + "/approve", null).status()).isEqualTo(200);

    Http.Answer saved =
        kissinger.put("/api/drafts/" + id, json("text", hakto("FLASH", "CHANGED.")));

    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().has("approvedBy")).isFalse();
    assertThat(kissinger.get("/api/drafts/" + id).json().has("approvedBy")).isFalse();
    assertError(release(kissinger, id), 409, needsApproval());
  }

  // ---- 4. delivery and end hold (DESIGN 5.2) ----

  @Test
  void aReleaseIsDeliveredToTheReceivingEndsMembersItsClearanceAllows() {
    JsonNode ts = released(kissinger, HAKTO_TEXT);
    JsonNode secret =
        released(kissinger, "ROUTINE\nSECRET\nFROM: KISSINGER\nTO: HAIG\n\n1. LOWER.\n");

    assertThat(inbox(haig)).containsExactly(designator(ts), designator(secret));
    assertThat(inbox(scowcroft)).containsExactly(designator(ts), designator(secret));
    assertThat(inbox(staff))
        .as("staff, cleared for SECRET, does not see the TOP SECRET cable at all")
        .containsExactly(designator(secret));
    assertThat(inbox(kissinger)).as("not delivered back to its sender").isEmpty();
    assertThat(inbox(lord)).isEmpty();
    JsonNode entry = inboxEntry(haig, "Hakto 1/WHS 1");
    assertThat(entry.get("receipts")).isEqualTo(tree("[\"DELIVERED\"]"));
    assertThat(entry.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(entry.has("paragraphs")).as("an inbox shows envelopes").isFalse();
    assertThat(inboxEntry(staff, "Hakto 2/WHS 2").get("receipts"))
        .isEqualTo(tree("[\"DELIVERED\"]"));
  }

  @Test
  void aHeldEndReceivesNothingUntilResumedThenEverythingByPrecedence() {
    hold(scowcroft);
    released(kissinger, hakto("ROUTINE", "ONE."));
    tick();
    released(kissinger, hakto("FLASH", "TWO."));
    tick();
    released(kissinger, hakto("IMMEDIATE", "THREE."));

    assertThat(inbox(haig)).as("held").isEmpty();
    assertThat(inbox(scowcroft)).isEmpty();

    assertThat(resume(scowcroft))
        .containsExactly("Hakto 2/WHS 2", "Hakto 3/WHS 3", "Hakto 1/WHS 1");
    assertThat(inbox(haig)).containsExactly("Hakto 2/WHS 2", "Hakto 3/WHS 3", "Hakto 1/WHS 1");
    assertThat(inboxEntry(haig, "Hakto 1/WHS 1").get("receipts"))
        .isEqualTo(tree("[\"DELIVERED\"]"));
  }

  @Test
  void theHoldAnswersWithTheEndAndSinceWhen() {
    Http.Answer a = scowcroft.put("/api/channels/BC/ends/WH/hold", null);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json())
        .isEqualTo(tree("{\"channel\":\"BC\",\"end\":\"WH\",\"heldSince\":\"" + START + "\"}"));
    Http.Answer resumed = scowcroft.delete("/api/channels/BC/ends/WH/hold");
    assertThat(resumed.json())
        .isEqualTo(tree("{\"channel\":\"BC\",\"end\":\"WH\",\"delivered\":[]}"));
  }

  @Test
  void cablesCanStillBeReleasedFromAHeldEnd() {
    hold(scowcroft);

    JsonNode c = released(haig, TOHAK_TEXT);

    assertThat(designator(c)).isEqualTo("Tohak 1/WHS 1");
    assertThat(inbox(kissinger)).containsExactly("Tohak 1/WHS 1");
  }

  @Test
  void onlyTheEndsDutyOfficerMayHoldOrResumeIt() {
    JsonNode forbidden =
        error(
            "FORBIDDEN",
            "holding or resuming an end needs its duty officer or an administrator",
            "");

    assertError(haig.put("/api/channels/BC/ends/WH/hold", null), 403, forbidden);
    assertError(haig.delete("/api/channels/BC/ends/WH/hold"), 403, forbidden);
    assertError(scowcroft.put("/api/channels/BC/ends/HAK/hold", null), 403, forbidden);
    released(kissinger, HAKTO_TEXT);
    assertThat(inbox(haig)).as("not held").containsExactly("Hakto 1/WHS 1");
  }

  // ---- 5. seen (G5) ----

  @Test
  void aReleaseFromAHeldEndSeesOnlyWhatWasDeliveredBeforeTheHold() {
    released(kissinger, hakto("IMMEDIATE", "ONE."));
    released(kissinger, hakto("IMMEDIATE", "TWO."));
    hold(scowcroft);
    released(kissinger, hakto("IMMEDIATE", "THREE."));

    JsonNode tohak = released(haig, TOHAK_TEXT);

    assertThat(tohak.get("seen").asInt()).as("Hakto 3 is held at WH").isEqualTo(2);
    resume(scowcroft);
    assertThat(released(haig, TOHAK_TEXT).get("seen").asInt()).isEqualTo(3);
  }

  // ---- 6. release warning (G5) ----

  @Test
  void releasingPastAnUnopenedCableOfTheOtherSeriesAsksForConfirmation() {
    released(kissinger, HAKTO_TEXT);
    tick();
    long id = draft(haig, TOHAK_TEXT);

    Http.Answer warned = release(haig, id);

    assertThat(warned.status()).as(warned.body()).isEqualTo(409);
    assertThat(warned.json())
        .isEqualTo(
            tree(
                "{\"code\":\"RELEASE_WARNING\",\"message\":\"confirm the release: not yet opened"
                    + " here: Hakto 1\",\"field\":\"confirm\",\"deliveredSinceSaved\":[],"
                    + "\"unread\":[\"Hakto 1\"]}"));
    assertThat(haig.get("/api/drafts/" + id).status()).as("the draft stays").isEqualTo(200);
    assertThat(haig.get(cablePath("Tohak 1")).status()).as("nothing released").isEqualTo(404);
    assertThat(events("CABLE_RELEASED")).hasSize(1);

    Http.Answer confirmed = confirmedRelease(haig, id);

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    assertThat(designator(confirmed.json())).isEqualTo("Tohak 1/WHS 2");
    assertThat(confirmed.json().get("releasedUnread")).isEqualTo(tree("[\"Hakto 1\"]"));
    assertThat(confirmed.json().get("seen").asInt()).isEqualTo(1);
  }

  @Test
  void aConfirmationOfFalseIsNoConfirmation() {
    released(kissinger, HAKTO_TEXT);
    long id = draft(haig, TOHAK_TEXT);

    Http.Answer a = haig.post("/api/drafts/" + id + "/release", json("confirm", false));

    assertThat(a.status()).as(a.body()).isEqualTo(409);
    assertThat(a.json().get("code").asText()).isEqualTo("RELEASE_WARNING");
  }

  @Test
  void noWarningOnceTheReleaserHasOpenedTheCable() {
    released(kissinger, HAKTO_TEXT);
    tick();
    long id = draft(haig, TOHAK_TEXT);
    assertThat(haig.get(cablePath("Hakto 1")).status()).isEqualTo(200);

    Http.Answer a = release(haig, id);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json().get("releasedUnread")).isEmpty();
  }

  @Test
  void aCableDeliveredSinceTheDraftWasSavedAsksForConfirmation() {
    long id = draft(haig, TOHAK_TEXT);
    tick();
    released(kissinger, HAKTO_TEXT);
    tick();
    assertThat(haig.get(cablePath("Hakto 1")).status()).as("opened").isEqualTo(200);

    Http.Answer warned = release(haig, id);

    assertThat(warned.status()).as(warned.body()).isEqualTo(409);
    assertThat(warned.json())
        .isEqualTo(
            tree(
                "{\"code\":\"RELEASE_WARNING\",\"message\":\"confirm the release: delivered since"
                    + " the draft was saved: Hakto 1\",\"field\":\"confirm\","
                    + "\"deliveredSinceSaved\":[\"Hakto 1\"],\"unread\":[]}"));

    tick();
    assertThat(haig.put("/api/drafts/" + id, json("text", TOHAK_TEXT)).status())
        .as("saved again, after reading it")
        .isEqualTo(200);
    Http.Answer a = release(haig, id);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  @Test
  void aReleaseWarningNamesNoCableTheReleaserMayNotKnowOf() {
    station.store.putMember("BC", "WH", "staff", true, "admin");
    long id = draft(staff, "ROUTINE\nSECRET\nFROM: HAIG\nTO: KISSINGER\n\n1. FOR HAIG.\n");
    tick();
    released(kissinger, HAKTO_TEXT);
    tick();
    assertThat(staff.get(cablePath("Hakto 1")).status())
        .as("staff may not know of the TOP SECRET Hakto 1")
        .isEqualTo(404);

    Http.Answer unconfirmed = release(staff, id);

    assertThat(unconfirmed.status())
        .as("a warning about nothing he may know of is no warning to him: " + unconfirmed.body())
        .isEqualTo(201);
    assertThat(unconfirmed.body()).as("G3 in the answer").doesNotContain("Hakto 1");
    assertThat(unconfirmed.json().get("releasedUnread")).isEmpty();
  }

  // ---- 7. receipts (G4, DESIGN 5.3) ----

  @Test
  void readingACableRecordsOpenedOnceWithTheFirstTime() {
    released(kissinger, HAKTO_TEXT);
    tick();

    Http.Answer first = haig.get(cablePath("Hakto 1"));
    tick();
    Http.Answer second = haig.get(cablePath("Hakto 1"));

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("access").asText()).isEqualTo("CONTENT");
    assertThat(second.json().get("receipts")).isEqualTo(tree("[\"DELIVERED\",\"OPENED\"]"));
    assertThat(receipts(haig, "Hakto 1"))
        .containsExactly(
            "haig DELIVERED " + at(Duration.ZERO) + " station",
            "haig OPENED " + at(Duration.ofMinutes(1)) + " api");
    assertThat(events("RECEIPT"))
        .extracting(StoredEvent::data)
        .containsExactly("{\"client\":\"api\",\"kind\":\"OPENED\",\"reader\":\"haig\",\"v\":1}");
  }

  @Test
  void theSenderReadingHisOwnCableRecordsNoOpened() {
    released(kissinger, HAKTO_TEXT);

    assertThat(kissinger.get(cablePath("Hakto 1")).json().get("receipts")).isEmpty();
    assertThat(receipts(kissinger, "Hakto 1")).noneMatch(r -> r.startsWith("kissinger "));
  }

  @Test
  void readInFullComesOnlyAfterOpened() {
    released(kissinger, HAKTO_TEXT);

    assertError(
        report(haig, "Hakto 1", "READ_IN_FULL"),
        409,
        error("NOT_OPENED", "READ_IN_FULL comes only after haig opened Hakto 1/WHS 1", "kind"));
    tick();
    haig.get(cablePath("Hakto 1"));
    tick();

    Http.Answer a = report(haig, "Hakto 1", "READ_IN_FULL");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json())
        .isEqualTo(
            JSON.createObjectNode()
                .put("reader", "haig")
                .put("kind", "READ_IN_FULL")
                .put("at", at(Duration.ofMinutes(2)))
                .put("client", "cli"));
    tick();
    assertThat(report(haig, "Hakto 1", "READ_IN_FULL").json())
        .as("recorded once")
        .isEqualTo(a.json());
  }

  @Test
  void acknowledgedComesOnlyAfterOpened() {
    released(kissinger, HAKTO_TEXT);

    assertError(
        report(haig, "Hakto 1", "ACKNOWLEDGED"),
        409,
        error("NOT_OPENED", "ACKNOWLEDGED comes only after haig opened Hakto 1/WHS 1", "kind"));
    haig.get(cablePath("Hakto 1"));
    tick();

    Http.Answer a = report(haig, "Hakto 1", "ACKNOWLEDGED");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("kind").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(a.json().get("at").asText()).isEqualTo(at(Duration.ofMinutes(1)));
    assertThat(receipts(haig, "Hakto 1"))
        .containsExactly(
            "haig DELIVERED " + at(Duration.ZERO) + " station",
            "haig OPENED " + at(Duration.ZERO) + " api",
            "haig ACKNOWLEDGED " + at(Duration.ofMinutes(1)) + " cli");
  }

  @Test
  void onlyReadInFullAndAcknowledgedMayBeReported() {
    released(kissinger, HAKTO_TEXT);
    haig.get(cablePath("Hakto 1"));

    for (String kind : List.of("DELIVERED", "OPENED", "PASSED", "GLANCED")) {
      assertError(
          report(haig, "Hakto 1", kind),
          400,
          error(
              "INVALID",
              "a reader reports READ_IN_FULL or ACKNOWLEDGED; DELIVERED, OPENED and PASSED are"
                  + " the station's to record, not \""
                  + kind
                  + "\"",
              "kind"));
    }
    assertThat(receipts(haig, "Hakto 1")).hasSize(2);
  }

  @Test
  void aReaderTheCableWasNotDeliveredToCannotReportReceipts() {
    released(kissinger, HAKTO_TEXT);
    lord.get(cablePath("Hakto 1"));

    assertError(
        report(lord, "Hakto 1", "READ_IN_FULL"),
        409,
        error("NOT_DELIVERED", "Hakto 1/WHS 1 was not delivered to lord", "designator"));
    assertError(
        report(lord, "Hakto 1", "ACKNOWLEDGED"),
        409,
        error("NOT_DELIVERED", "Hakto 1/WHS 1 was not delivered to lord", "designator"));
  }

  @Test
  void theOriginatorSeesEveryReadersReceiptsAndAReaderOnlyHisOwn() {
    released(kissinger, HAKTO_TEXT);
    tick();
    haig.get(cablePath("Hakto 1"));
    tick();
    report(haig, "Hakto 1", "READ_IN_FULL");
    tick();
    scowcroft.get(cablePath("Hakto 1"));

    List<String> every =
        List.of(
            "haig DELIVERED " + at(Duration.ZERO) + " station",
            "scowcroft DELIVERED " + at(Duration.ZERO) + " station",
            "haig OPENED " + at(Duration.ofMinutes(1)) + " api",
            "haig READ_IN_FULL " + at(Duration.ofMinutes(2)) + " cli",
            "scowcroft OPENED " + at(Duration.ofMinutes(3)) + " api");
    // staff, not cleared for the cable, is left to its own test below
    assertThat(receipts(kissinger, "Hakto 1"))
        .filteredOn(r -> !r.startsWith("staff "))
        .containsExactlyElementsOf(every);
    assertThat(receipts(lord, "Hakto 1"))
        .as("a member of the sending end who may read it")
        .filteredOn(r -> !r.startsWith("staff "))
        .containsExactlyElementsOf(every);
    assertThat(receipts(haig, "Hakto 1"))
        .containsExactly(
            "haig DELIVERED " + at(Duration.ZERO) + " station",
            "haig OPENED " + at(Duration.ofMinutes(1)) + " api",
            "haig READ_IN_FULL " + at(Duration.ofMinutes(2)) + " cli");
    assertThat(receipts(scowcroft, "Hakto 1"))
        .containsExactly(
            "scowcroft DELIVERED " + at(Duration.ZERO) + " station",
            "scowcroft OPENED " + at(Duration.ofMinutes(3)) + " api");
  }

  @Test
  void aMemberNotClearedForTheCableIsNeverRecordedAsDeliveredTo() {
    released(kissinger, HAKTO_TEXT);

    assertThat(inbox(staff)).isEmpty();
    assertThat(receipts(kissinger, "Hakto 1"))
        .as("DELIVERED means available to the reader (G4); staff may not even know of it (G3)")
        .containsExactly(
            "haig DELIVERED " + at(Duration.ZERO) + " station",
            "scowcroft DELIVERED " + at(Duration.ZERO) + " station");
    assertThat(tree(events("DELIVERED").get(0).data()).get("readers"))
        .isEqualTo(tree("[\"haig\",\"scowcroft\"]"));
  }

  @Test
  void aCableTheReaderMayNotKnowOfAnswersLikeOneThatDoesNotExist() {
    station.user("outsider", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    Http outsider = station.token("outsider");
    List<Http> readers = List.of(staff, outsider);
    List<Http.Answer> before = new ArrayList<>();
    for (Http who : readers) {
      before.add(who.get(cablePath("Hakto 1")));
      before.add(who.get(receiptsPath("Hakto 1")));
      before.add(report(who, "Hakto 1", "READ_IN_FULL"));
    }

    released(kissinger, HAKTO_TEXT);

    List<Http.Answer> after = new ArrayList<>();
    for (Http who : readers) {
      after.add(who.get(cablePath("Hakto 1")));
      after.add(who.get(receiptsPath("Hakto 1")));
      after.add(report(who, "Hakto 1", "READ_IN_FULL"));
    }
    JsonNode missing = error("NOT_FOUND", "no cable Hakto 1 in exchange OCT72", "designator");
    for (int i = 0; i < before.size(); i++) {
      assertError(before.get(i), 404, missing);
      assertError(after.get(i), 404, missing);
    }
    assertThat(events("RECEIPT")).isEmpty();
  }

  // ---- 8. events ----

  @Test
  void everyTrafficChangeLeavesItsEvent() {
    long id = draft(kissinger, HAKTO_TEXT);
    hold(scowcroft);
    assertThat(release(kissinger, id).status()).isEqualTo(201);
    resume(scowcroft);
    haig.get(cablePath("Hakto 1"));

    List<String> kinds =
        station.store.events(0, 10_000).stream()
            .map(StoredEvent::kind)
            .filter(
                k ->
                    Set.of(
                            "DRAFT_SAVED",
                            "CABLE_RELEASED",
                            "DELIVERED",
                            "END_HELD",
                            "END_RESUMED",
                            "RECEIPT")
                        .contains(k))
            .toList();
    assertThat(kinds)
        .containsExactly(
            "DRAFT_SAVED", "END_HELD", "CABLE_RELEASED", "END_RESUMED", "DELIVERED", "RECEIPT");
    assertThat(events("DRAFT_SAVED").get(0).actor()).isEqualTo("kissinger");
    assertThat(tree(events("CABLE_RELEASED").get(0).data()).get("designator").asText())
        .isEqualTo("Hakto 1/WHS 1");
    assertThat(tree(events("CABLE_RELEASED").get(0).data()).get("seen").asInt()).isZero();
    assertThat(texts(tree(events("DELIVERED").get(0).data()).get("readers")))
        .as("the readers it became available to")
        .contains("haig", "scowcroft")
        .doesNotContain("kissinger", "lord");
    assertThat(events("DELIVERED").get(0).actor()).as("delivered on resume").isEqualTo("scowcroft");
    assertThat(tree(events("END_HELD").get(0).data()))
        .isEqualTo(tree("{\"channel\":\"BC\",\"end\":\"WH\",\"v\":1}"));
    assertThat(tree(events("END_RESUMED").get(0).data()))
        .as("the resume names how many cables it found held; each delivery follows")
        .isEqualTo(tree("{\"channel\":\"BC\",\"end\":\"WH\",\"held\":1,\"v\":1}"));
    assertThat(tree(events("RECEIPT").get(0).data()))
        .isEqualTo(tree("{\"reader\":\"haig\",\"kind\":\"OPENED\",\"client\":\"api\",\"v\":1}"));
  }
}
