package dev.backchannel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Objectives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The station's settings (DESIGN 5.4, 5.6): defaults, one properties file, {@code BACKCHANNEL_*}
 * environment overrides; a value that cannot be used stops start-up naming the setting, the value
 * and where it came from.
 */
class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void theDefaultsAreThoseOfTheDesign() {
    ServerConfig c = ServerConfig.defaultConfig();

    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.maxBodyBytes()).isEqualTo(1_048_576L);
    assertThat(c.secureCookies()).isFalse();
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(c.tokenTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(c.loginAttemptsPerMinute()).isEqualTo(5);
    assertThat(c.argon2MemoryKib()).isEqualTo(65_536);
    assertThat(c.argon2Iterations()).isEqualTo(3);
    assertThat(c.metricsPort()).hasValue(9464);
    assertThat(c.argon2Parallel()).isEqualTo(2);
  }

  @Test
  void aSettingsFileOverridesTheDefaults() throws IOException {
    Path file =
        file(
            """
            # a station behind a TLS proxy
            http.host = 0.0.0.0
            http.port=9090
            http.max-body-bytes=2048
            http.secure-cookies=true
            session.ttl=PT1H
            token.ttl=P7D
            login.attempts-per-minute=10
            argon2.memory-kib=1024
            argon2.iterations=2
            argon2.parallel=4
            delivery.tick=PT5S
            metrics.port=9100
            objective.flash=PT5M
            objective.routine=PT2H
            store.url=postgresql://db.example:5433/whs
            store.user=whs
            store.password=s3cret
            """);

    ServerConfig c = ServerConfig.load(Optional.of(file), Map.of());
    Map<Precedence, Duration> objectives = new EnumMap<>(Objectives.defaults().byPrecedence());
    objectives.put(Precedence.FLASH, Duration.ofMinutes(5));
    objectives.put(Precedence.ROUTINE, Duration.ofHours(2));

    assertThat(c)
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0",
                9090,
                2048,
                true,
                Duration.ofHours(1),
                Duration.ofDays(7),
                10,
                1024,
                2,
                4,
                Duration.ofSeconds(5),
                OptionalInt.of(9100),
                new Objectives(objectives),
                new ServerConfig.StoreSettings(
                    Optional.of("postgresql://db.example:5433/whs"), "whs", Optional.of("s3cret")),
                new ServerConfig.Checkpoints(Duration.ofSeconds(10), 1000),
                100));
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void handlingObjectivesDefaultToThoseOfEachPrecedence() {
    assertThat(ServerConfig.defaultConfig().objectives()).isEqualTo(Objectives.defaults());
    assertThat(ServerConfig.DEFAULTS).containsEntry("objective.flash-override", "PT10M");
  }

  @Test
  void anObjectiveThatIsNoDurationIsRefusedNamingItsSetting() {
    assertThatThrownBy(
            () ->
                ServerConfig.load(
                    Optional.empty(), Map.of("BACKCHANNEL_OBJECTIVE_IMMEDIATE", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "objective.immediate: \"soon\" from the environment variable"
                + " BACKCHANNEL_OBJECTIVE_IMMEDIATE cannot be used: must be an ISO-8601 duration"
                + " such as PT12H or P30D");
  }

  @Test
  void settingsTheFileLeavesOutKeepTheirDefaults() throws IOException {
    ServerConfig c = ServerConfig.load(Optional.of(file("http.port=9090\n")), Map.of());

    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void theEnvironmentOverridesTheFile() throws IOException {
    Path file = file("http.port=9090\nhttp.host=10.0.0.1\n");

    ServerConfig c =
        ServerConfig.load(
            Optional.of(file),
            Map.of("BACKCHANNEL_HTTP_PORT", "9443", "BACKCHANNEL_SESSION_TTL", "PT30M"));

    assertThat(c.port()).isEqualTo(9443);
    assertThat(c.host()).isEqualTo("10.0.0.1");
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void theEnvironmentAloneOverridesTheDefaults() {
    ServerConfig c =
        ServerConfig.load(
            Optional.empty(),
            Map.of(
                "BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE", "7",
                "BACKCHANNEL_HTTP_MAX_BODY_BYTES", "4096",
                "BACKCHANNEL_HTTP_SECURE_COOKIES", "true"));

    assertThat(c.loginAttemptsPerMinute()).isEqualTo(7);
    assertThat(c.maxBodyBytes()).isEqualTo(4096);
    assertThat(c.secureCookies()).isTrue();
  }

  @Test
  void otherEnvironmentVariablesAreNoneOfItsBusiness() {
    ServerConfig c =
        ServerConfig.load(
            Optional.empty(), Map.of("BACKCHANNEL_STORE", "/tmp/x.db", "PATH", "/usr/bin"));

    assertThat(c).isEqualTo(ServerConfig.defaultConfig());
  }

  @Test
  void eachSettingHasItsEnvironmentVariable() {
    assertThat(ServerConfig.variable("http.port")).isEqualTo("BACKCHANNEL_HTTP_PORT");
    assertThat(ServerConfig.variable("http.max-body-bytes"))
        .isEqualTo("BACKCHANNEL_HTTP_MAX_BODY_BYTES");
    assertThat(ServerConfig.variable("login.attempts-per-minute"))
        .isEqualTo("BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE");
    assertThat(ServerConfig.variable("argon2.parallel")).isEqualTo("BACKCHANNEL_ARGON2_PARALLEL");
  }

  @Test
  void anUnknownSettingInTheFileIsNamedWithTheSettingsThatExist() throws IOException {
    Path file = file("http.port=9090\nhttp.prot=9091\n");

    assertRefused(
        file,
        Map.of(),
        "http.prot",
        "http.prot: unknown setting in "
            + file
            + "; the settings are http.host, http.port, http.max-body-bytes,"
            + " http.secure-cookies, session.ttl, token.ttl, login.attempts-per-minute,"
            + " argon2.memory-kib, argon2.iterations, argon2.parallel, delivery.tick, metrics.port,"
            + " objective.flash-override, objective.flash, objective.immediate, objective.priority,"
            + " objective.routine, store.url, store.user, store.password, log.checkpoint-interval,"
            + " log.checkpoint-entries, relay.batch");
  }

  @Test
  void theSettingsAreListedInTheOrderTheReadmeGives() {
    assertThat(List.copyOf(ServerConfig.DEFAULTS.keySet()))
        .containsExactly(
            "http.host",
            "http.port",
            "http.max-body-bytes",
            "http.secure-cookies",
            "session.ttl",
            "token.ttl",
            "login.attempts-per-minute",
            "argon2.memory-kib",
            "argon2.iterations",
            "argon2.parallel",
            "delivery.tick",
            "metrics.port",
            "objective.flash-override",
            "objective.flash",
            "objective.immediate",
            "objective.priority",
            "objective.routine",
            "store.url",
            "store.user",
            "store.password",
            "log.checkpoint-interval",
            "log.checkpoint-entries",
            "relay.batch");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http.port                 | eighty | not a number",
        "http.port                 | 70000  | must be 0 to 65535",
        "http.port                 | -1     | must be 0 to 65535",
        "http.max-body-bytes       | 100    | must be 1024 to 67108864",
        "http.secure-cookies       | yes    | must be true or false",
        "session.ttl               | PT0S   | must be a positive ISO-8601 duration such as PT12H",
        "token.ttl                 | -P1D   | must be a positive ISO-8601 duration such as PT12H",
        "session.ttl               | 12h    | must be an ISO-8601 duration such as PT12H or P30D",
        "login.attempts-per-minute | 0      | must be 1 to 1000",
        "argon2.iterations         | 1.5    | not a number",
        "metrics.port              | on     | must be a port 0 to 65535, or off",
        "metrics.port              | 65536  | must be a port 0 to 65535, or off",
        "metrics.port              | OFF    | must be a port 0 to 65535, or off",
        "argon2.parallel           | 0      | must be 1 to 64",
        "argon2.parallel           | 65     | must be 1 to 64"
      })
  void aBadValueInTheFileNamesTheSettingTheValueAndTheFile(String setting, String value, String why)
      throws IOException {
    Path file = file(setting + "=" + value + "\n");

    assertRefused(
        file,
        Map.of(),
        setting,
        setting + ": \"" + value + "\" from " + file + " cannot be used: " + why);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http.port           | eighty | not a number",
        "http.port           | 70000  | must be 0 to 65535",
        "http.secure-cookies | TRUE   | must be true or false",
        "token.ttl           | 30 days| must be an ISO-8601 duration such as PT12H or P30D",
        "metrics.port        | -1     | must be a port 0 to 65535, or off",
        "argon2.parallel     | two    | not a number"
      })
  void aBadValueInTheEnvironmentNamesTheVariable(String setting, String value, String why) {
    String variable = ServerConfig.variable(setting);

    assertRefused(
        null,
        Map.of(variable, value),
        setting,
        setting
            + ": \""
            + value
            + "\" from the environment variable "
            + variable
            + " cannot be used: "
            + why);
  }

  @Test
  void aBadValueInTheFileIsForgivenWhenTheEnvironmentOverridesIt() throws IOException {
    Path file = file("http.port=eighty\n");

    ServerConfig c = ServerConfig.load(Optional.of(file), Map.of("BACKCHANNEL_HTTP_PORT", "8081"));

    assertThat(c.port()).isEqualTo(8081);
  }

  @Test
  void metricsOffServesNoMetricsAndZeroPicksAFreePort() {
    assertThat(
            ServerConfig.load(Optional.empty(), Map.of("BACKCHANNEL_METRICS_PORT", "off"))
                .metricsPort())
        .isEmpty();
    assertThat(
            ServerConfig.load(Optional.empty(), Map.of("BACKCHANNEL_METRICS_PORT", "0"))
                .metricsPort())
        .hasValue(0);
  }

  @Test
  void theMetricsCannotShareThePortOfTheApi() {
    assertRefused(
        null,
        Map.of("BACKCHANNEL_HTTP_PORT", "9000", "BACKCHANNEL_METRICS_PORT", "9000"),
        "metrics.port",
        "metrics.port: \"9000\" from the environment variable BACKCHANNEL_METRICS_PORT cannot be"
            + " used: it is http.port too; the metrics need a port of their own");
  }

  @Test
  void bothOnAFreePortIsNoClash() {
    ServerConfig c =
        ServerConfig.load(
            Optional.empty(),
            Map.of("BACKCHANNEL_HTTP_PORT", "0", "BACKCHANNEL_METRICS_PORT", "0"));

    assertThat(c.port()).isZero();
    assertThat(c.metricsPort()).hasValue(0);
  }

  @Test
  void anEmptyHostIsRefused() {
    assertRefused(
        null,
        Map.of("BACKCHANNEL_HTTP_HOST", "  "),
        "http.host",
        "http.host: \"\" from the environment variable BACKCHANNEL_HTTP_HOST cannot be used:"
            + " must not be empty");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("station.properties");

    assertRefused(missing, Map.of(), "config", "config: no such file " + missing);
  }

  private Path file(String text) throws IOException {
    Path file = dir.resolve("station.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertRefused(
      Path file, Map<String, String> env, String setting, String message) {
    assertThatThrownBy(() -> ServerConfig.load(Optional.ofNullable(file), env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.setting()).isEqualTo(setting);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
