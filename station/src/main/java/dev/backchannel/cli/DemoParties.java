package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.Secrets;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import java.security.KeyPair;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's October parties, for {@code demo} and {@code demo --two-stations} alike: a fresh
 * station with its administrator, channel BACKCHANNEL between the HAK and WH ends, exchange OCT72
 * (HAKTO sent by HAK, TOHAK by WH), and logins with random passwords.
 */
final class DemoParties {
  private DemoParties() {}

  /** A demo login: its name, how cables address him, his end (empty for none), role and zone. */
  record Login(String name, String addressedAs, String end, Role role, String zone) {}

  /** Kissinger's party: the HAK end. */
  static final List<Login> HAK =
      List.of(
          new Login("kissinger", "KISSINGER", "HAK", Role.PRINCIPAL, "Asia/Ho_Chi_Minh"),
          new Login("lord", "LORD", "HAK", Role.STAFF, "Asia/Ho_Chi_Minh"));

  /** The White House end, and the President, a pass-to reader of no end. */
  static final List<Login> WH =
      List.of(
          new Login("haig", "HAIG", "WH", Role.PRINCIPAL, "America/New_York"),
          new Login("kennedy", "KENNEDY", "WH", Role.DUTY_OFFICER, "America/New_York"),
          new Login("president", "THE PRESIDENT", "", Role.PRINCIPAL, "America/New_York"));

  /** A random demo password: letters and digits only, nothing a shell could take for an option. */
  static String password() {
    return Secrets.newToken().replace("-", "").replace("_", "").substring(0, 16);
  }

  /**
   * Sets a fresh store up as station {@code prefix} with the parties; answers each login's
   * password, the administrator's first.
   */
  static Map<String, String> setUp(
      Store s,
      String prefix,
      String name,
      KeyPair keys,
      PasswordHasher hasher,
      List<Login> logins) {
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put("admin", password());
    s.initialise(
        new StationSetup(
            prefix,
            name,
            SigningKeys.publicKeyText(keys),
            NewUser.of(
                "admin",
                new Clearance(Classification.UNCLASSIFIED, Set.of()),
                ZoneId.of("UTC"),
                Set.of(Role.ADMINISTRATOR),
                Optional.of(hasher.hash(passwords.get("admin").toCharArray())),
                Optional.empty())));
    s.createChannel("BACKCHANNEL", "HAK", "WH", "admin");
    for (Login l : logins) {
      String pw = password();
      passwords.put(l.name(), pw);
      s.createUser(
          new NewUser(
              l.name(),
              l.addressedAs(),
              new Clearance(Classification.TOP_SECRET, Set.of(new Caveat("SENSITIVE"))),
              ZoneId.of(l.zone()),
              OfficeHours.DEFAULT,
              Set.of(l.role()),
              Optional.of(hasher.hash(pw.toCharArray())),
              Optional.empty()),
          "admin");
      if (!l.end().isEmpty()) {
        s.putMember("BACKCHANNEL", l.end(), l.name(), l.role() == Role.PRINCIPAL, "admin");
      }
    }
    s.createExchange(
        new NewExchange(
            "BACKCHANNEL",
            "OCT72",
            new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
            new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
        "admin");
    return passwords;
  }

  /** A client of the station at {@code url} logged in as {@code user} with a bearer token. */
  static StationClient login(CliContext context, String url, String user, String password) {
    JsonNode login =
        new StationClient(url, Optional.empty(), context.json())
            .post(
                "/api/login",
                context
                    .json()
                    .createObjectNode()
                    .put("name", user)
                    .put("password", password)
                    .put("kind", "token"));
    return new StationClient(url, Optional.of(login.path("token").asText()), context.json());
  }
}
