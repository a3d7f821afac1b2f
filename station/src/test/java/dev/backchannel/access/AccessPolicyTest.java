package dev.backchannel.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Membership;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of G3, one rule at a time. */
class AccessPolicyTest {
  private final AccessPolicy policy = new AccessPolicy();

  private static final String SENSITIVE_TS =
      """
      IMMEDIATE
      TOP SECRET SENSITIVE
      FROM: KISSINGER (SAIGON)
      TO: HAIG (WASHINGTON)
      INFO: SCOWCROFT
      SUBJ: BOMBING RESTRICTIONS

      1. KEEP THE RESTRICTION AT THE 20TH PARALLEL.
      """;

  private static final String EYES_ONLY =
      """
      FLASH
      TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY
      FROM: KISSINGER (SAIGON)
      TO: HAIG (WASHINGTON)

      1. FOR YOU ALONE.
      """;

  private static final String SEALED =
      """
      FLASH
      TOP SECRET
      FROM: KISSINGER (SAIGON)
      TO: HAIG (WASHINGTON)
      HANDLING: DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO GENERAL SCOWCROFT

      1. FOR HIM ALONE.
      """;

  private static StoredCable cable(String draft, String channel) {
    Cable c = CanonicalText.standard().parse(draft);
    Set<String> readers = new java.util.LinkedHashSet<>();
    readers.add(c.from().name());
    c.to().forEach(p -> readers.add(p.name()));
    c.info().forEach(p -> readers.add(p.name()));
    return new StoredCable(
        1,
        "OCT72",
        c,
        draft,
        CanonicalText.sha256(draft),
        StoredCable.Origin.IMPORTED,
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        channel,
        readers);
  }

  private static Reader reader(
      String addressedAs, Classification level, Set<String> caveats, String... channels) {
    UserInfo u =
        new UserInfo(
            7,
            addressedAs.toLowerCase(java.util.Locale.ROOT),
            addressedAs,
            new Clearance(level, caveats.stream().map(Caveat::new).collect(Collectors.toSet())),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Set.of(),
            false);
    List<Membership> m =
        Arrays.stream(channels).map(ch -> new Membership(ch, "WH", false)).toList();
    return new Reader(u, m);
  }

  @Test
  void aMemberClearedForTheLabelSeesTheContent() {
    assertThat(
            policy.decide(
                reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC"),
                cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.CONTENT);
  }

  @Test
  void aMemberOfAnotherChannelSeesNothing() {
    assertThat(
            policy.decide(
                reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "OTHER"),
                cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.NONE);
  }

  @Test
  void aMemberBelowTheClassificationSeesNothing() {
    assertThat(
            policy.decide(
                reader("STAFF", Classification.SECRET, Set.of("SENSITIVE"), "BC"),
                cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.NONE);
  }

  @Test
  void aMemberWithoutACaveatSeesTheEnvelopeOnly() {
    assertThat(
            policy.decide(
                reader("STAFF", Classification.TOP_SECRET, Set.of(), "BC"),
                cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.ENVELOPE);
  }

  @Test
  void aNamedReaderWhoIsNoMemberSeesTheContent() {
    assertThat(
            policy.decide(
                reader("SCOWCROFT", Classification.TOP_SECRET, Set.of("SENSITIVE")),
                cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.CONTENT);
  }

  @Test
  void eyesOnlyContentGoesToNamedReadersOnly() {
    StoredCable c = cable(EYES_ONLY, "BC");
    assertThat(
            policy.decide(reader("HAIG", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC"), c))
        .isEqualTo(Access.CONTENT);
    assertThat(
            policy.decide(reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC"), c))
        .isEqualTo(Access.ENVELOPE);
  }

  @Test
  void aSealedCableOpensOnlyForTheSealedToReaderAndTheOriginator() {
    StoredCable c = cable(SEALED, "BC");
    assertThat(policy.decide(reader("HAIG", Classification.TOP_SECRET, Set.of(), "BC"), c))
        .as("the addressee passes it on unopened")
        .isEqualTo(Access.ENVELOPE);
    assertThat(policy.decide(reader("KISSINGER", Classification.TOP_SECRET, Set.of(), "BC"), c))
        .isEqualTo(Access.CONTENT);
    assertThat(policy.decide(reader("SCOWCROFT", Classification.TOP_SECRET, Set.of(), "BC"), c))
        .as("GENERAL SCOWCROFT is SCOWCROFT with his title")
        .isEqualTo(Access.CONTENT);
    assertThat(policy.decide(reader("CROFT", Classification.TOP_SECRET, Set.of(), "BC"), c))
        .as("a name is matched by whole words")
        .isEqualTo(Access.ENVELOPE);
  }

  @Test
  void noRoleGivesMoreThanMembershipAndClearance() {
    UserInfo admin =
        new UserInfo(
            1,
            "admin",
            "ADMIN",
            new Clearance(Classification.TOP_SECRET, Set.of(new Caveat("SENSITIVE"))),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Set.of(Role.ADMINISTRATOR, Role.RECORDS_OFFICER),
            false);
    assertThat(policy.decide(new Reader(admin, List.of()), cable(SENSITIVE_TS, "BC")))
        .isEqualTo(Access.NONE);
  }

  @Test
  void aDisabledUserSeesNothing() {
    Reader r = reader("HAIG", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC");
    UserInfo u = r.user();
    Reader disabled =
        new Reader(
            new UserInfo(
                u.id(),
                u.name(),
                u.addressedAs(),
                u.clearance(),
                u.timeZone(),
                u.officeHours(),
                u.roles(),
                true),
            r.memberships());
    assertThat(policy.decide(disabled, cable(SENSITIVE_TS, "BC"))).isEqualTo(Access.NONE);
  }

  @Test
  void membersOfTheSendingEndWhoMayReadTheCableSeeEveryReceipt() {
    Reader staff = reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC");

    assertThat(policy.seesEveryReceipt(staff, cable(SENSITIVE_TS, "BC"), Optional.of("WH")))
        .isTrue();
    assertThat(policy.seesEveryReceipt(staff, cable(SENSITIVE_TS, "BC"), Optional.of("HAK")))
        .as("a member of the receiving end sees his own alone")
        .isFalse();
    assertThat(policy.seesEveryReceipt(staff, cable(SENSITIVE_TS, "BC"), Optional.empty()))
        .isFalse();
  }

  @Test
  void theOriginatorSeesEveryReceiptOfWhatHeMayRead() {
    Reader kissinger = reader("KISSINGER", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC");

    assertThat(policy.seesEveryReceipt(kissinger, cable(SENSITIVE_TS, "BC"), Optional.of("HAK")))
        .isTrue();
  }

  @Test
  void noOneWhoMayNotReadTheContentSeesEveryReceipt() {
    Reader uncleared = reader("STAFF", Classification.TOP_SECRET, Set.of(), "BC");
    Reader notNamed = reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "BC");

    assertThat(policy.seesEveryReceipt(uncleared, cable(SENSITIVE_TS, "BC"), Optional.of("WH")))
        .as("the envelope only: no caveat")
        .isFalse();
    assertThat(policy.seesEveryReceipt(notNamed, cable(EYES_ONLY, "BC"), Optional.of("WH")))
        .as("the envelope only: eyes only, not named")
        .isFalse();
  }

  private static final ExchangeInfo OCT72 = new ExchangeInfo(1, "OCT72", "BC", List.of());

  @Test
  void theOperatorAdministersTheStation() {
    assertThat(policy.administers(new Operator())).isTrue();
  }

  @Test
  void onlyAnAdministratorAmongUsersAdministersTheStation() {
    Reader staff = reader("STAFF", Classification.TOP_SECRET, Set.of(), "BC");
    Reader admin =
        new Reader(
            new UserInfo(
                8,
                "admin",
                "ADMIN",
                new Clearance(Classification.UNCLASSIFIED, Set.of()),
                ZoneId.of("UTC"),
                OfficeHours.DEFAULT,
                Set.of(Role.ADMINISTRATOR),
                false),
            List.of());

    assertThat(policy.administers(staff)).isFalse();
    assertThat(policy.administers(admin)).isTrue();
  }

  @Test
  void aMemberKnowsOfAnExchangeOfHisChannelWithoutItsCablesBeingAsked() {
    assertThat(
            policy.knowsExchange(
                reader("STAFF", Classification.CONFIDENTIAL, Set.of(), "BC"),
                OCT72,
                () -> {
                  throw new AssertionError("membership decides");
                }))
        .isTrue();
  }

  @Test
  void anOutsiderKnowsOfAnExchangeOnlyThroughACableHeMayKnowOf() {
    Reader haig = reader("HAIG", Classification.TOP_SECRET, Set.of("SENSITIVE"), "OTHER");
    Reader low = reader("HAIG", Classification.SECRET, Set.of(), "OTHER");
    Reader staff = reader("STAFF", Classification.TOP_SECRET, Set.of("SENSITIVE"), "OTHER");
    List<StoredCable> cables = List.of(cable(SENSITIVE_TS, "BC"));

    assertThat(policy.knowsExchange(haig, OCT72, () -> cables))
        .as(String.valueOf(cables.get(0).readers()))
        .isTrue();
    assertThat(policy.knowsExchange(low, OCT72, () -> cables)).as("above his clearance").isFalse();
    assertThat(policy.knowsExchange(staff, OCT72, () -> cables)).as("not named").isFalse();
  }
}
