package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** A station set up as the record's: channel HAK/WH, exchange OCT72 with HAKTO and TOHAK. */
public final class StoreFixtures {
  public static final Series HAKTO = new Series("HAKTO");
  public static final Series TOHAK = new Series("TOHAK");
  public static final String EXCHANGE = "OCT72";

  private StoreFixtures() {}

  /** Sets up station WHS with an administrator, channel BACKCHANNEL and exchange OCT72. */
  public static void setUp(Store store) {
    store.initialise(
        new StationSetup(
            "WHS",
            "White House Situation Room",
            "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
            NewUser.of(
                "admin",
                new Clearance(Classification.TOP_SECRET, Set.of()),
                ZoneId.of("UTC"),
                Set.of(Role.ADMINISTRATOR),
                Optional.of("$argon2id$test"),
                Optional.empty())));
    store.createChannel("BACKCHANNEL", "HAK", "WH", "admin");
    store.createExchange(
        new NewExchange(
            "BACKCHANNEL",
            EXCHANGE,
            new NewExchange.SeriesEnd(HAKTO, "HAK"),
            new NewExchange.SeriesEnd(TOHAK, "WH")),
        "admin");
  }

  /** A draft from Kissinger to Haig with one paragraph. */
  public static Cable draft(String text) {
    return Cable.builder(
            Precedence.FLASH,
            SecurityLabel.of(Classification.TOP_SECRET),
            Person.at("Kissinger", "Saigon"))
        .to(Person.at("Haig", "Washington"))
        .paragraph(Paragraph.numbered(1, text))
        .build();
  }

  /** A draft that refers to a cable. */
  public static Cable draftReferring(Reference reference) {
    return draft("With reference to " + reference.text() + ".").toBuilder()
        .reference(reference)
        .build();
  }

  // ---- helpers for accounts, channels and cable lists ----

  /** A staff member cleared for TOP SECRET, addressed by his name, with a password hash. */
  public static NewUser user(String name) {
    return NewUser.of(
        name,
        new Clearance(Classification.TOP_SECRET, Set.of()),
        ZoneId.of("UTC"),
        Set.of(Role.STAFF),
        Optional.of("$argon2id$" + name),
        Optional.empty());
  }

  /** A draft of a precedence and classification from one person to another, without places. */
  public static Cable draft(
      Precedence precedence, Classification classification, String from, String to, String text) {
    return Cable.builder(precedence, SecurityLabel.of(classification), Person.named(from))
        .to(Person.named(to))
        .paragraph(Paragraph.numbered(1, text))
        .build();
  }
}
