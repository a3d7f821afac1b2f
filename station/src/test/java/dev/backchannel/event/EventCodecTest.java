package dev.backchannel.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  /** One event of every kind, with values a change of order or escaping would show. */
  static List<Event> everyKind() {
    return List.of(
        new Event.StationInitialised("WHS", "White House Situation Room"),
        new Event.UserCreated("haig", "TOP_SECRET", "DUTY_OFFICER,PRINCIPAL,STAFF"),
        new Event.UserChanged(
            "haig",
            "HAIG",
            "TOP_SECRET",
            "NODIS,SENSITIVE",
            "America/New_York",
            "08:00-18:00 MON-FRI",
            "PRINCIPAL",
            false),
        new Event.PasswordSet("haig"),
        new Event.Login("haig", "TOKEN", "127.0.0.1", "2026-12-03T10:00:00Z"),
        new Event.Logout("haig"),
        new Event.ChannelCreated("BACKCHANNEL", "HAK", "WH"),
        new Event.MemberPut("BACKCHANNEL", "WH", "haig", true),
        new Event.MemberRemoved("BACKCHANNEL", "WH", "haig"),
        new Event.EndChanged("BACKCHANNEL", "WH", true),
        new Event.CaveatAdded("NODIS"),
        new Event.ExchangeCreated("OCT72", "BACKCHANNEL", "HAKTO from HAK", "TOHAK from WH"),
        new Event.CableReleased("Hakto 45/WHS 225", "ab".repeat(32), 84),
        new Event.CableImported("Hakto 45", "cd".repeat(32), "frus \"vol\" 1.txt", Optional.of(7)),
        new Event.Delivered(List.of("scowcroft", "haig")),
        new Event.EndHeld("BACKCHANNEL", "WH"),
        new Event.EndResumed("BACKCHANNEL", "WH", 300),
        new Event.ReceiptRecorded("haig", "OPENED", "cli"),
        new Event.Passed("president", "haig"),
        new Event.Escalated("DUTY_OFFICER", List.of("haig"), List.of("scowcroft")),
        new Event.DraftSaved(4, Optional.of("TOHAK")),
        new Event.DraftApproved(4),
        new Event.DraftDiscarded(4));
  }

  @Test
  void anEventIsItsFieldsInKeyOrderWithTheVersionAndNoWhiteSpace() {
    assertThat(
            EventCodec.encode(
                new Event.UserChanged(
                    "haig",
                    "HAIG",
                    "TOP_SECRET",
                    "",
                    "America/New_York",
                    "08:00-18:00 MON-FRI",
                    "PRINCIPAL",
                    true)))
        .isEqualTo(
            "{\"addressedAs\":\"HAIG\",\"caveats\":\"\",\"clearance\":\"TOP_SECRET\","
                + "\"disabled\":true,\"officeHours\":\"08:00-18:00 MON-FRI\",\"roles\":\"PRINCIPAL\","
                + "\"timeZone\":\"America/New_York\",\"user\":\"haig\",\"v\":1}");
  }

  @Test
  void readersAreEncodedInNameOrderAndStringsEscaped() {
    assertThat(EventCodec.encode(new Event.Delivered(List.of("scowcroft", "haig"))))
        .isEqualTo("{\"readers\":[\"haig\",\"scowcroft\"],\"v\":1}");
    assertThat(
            EventCodec.encode(
                new Event.CableImported("Hakto 1", "00", "a \"b\"\n.txt", Optional.empty())))
        .isEqualTo(
            "{\"designator\":\"Hakto 1\",\"sha256\":\"00\",\"source\":\"a \\\"b\\\"\\n.txt\","
                + "\"v\":1}");
  }

  @Test
  void everyKindHasItsOwnNameAndAnOptionalFieldIsLeftOutWhenAbsent() {
    assertThat(everyKind().stream().map(Event::kind).distinct()).hasSize(everyKind().size());
    assertThat(EventCodec.encode(new Event.DraftSaved(4, Optional.empty())))
        .isEqualTo("{\"draft\":4,\"v\":1}");
  }

  @Test
  void everyKindEncodesToTheSameBytesInAnotherJvm() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), EncodeEveryKind.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String theirs = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(theirs).isEqualTo(EncodeEveryKind.encoded());
  }
}
