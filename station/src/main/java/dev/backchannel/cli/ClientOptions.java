package dev.backchannel.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --url URL} and {@code --as NAME}: the running station a client command talks to and the
 * kept login it acts as (DESIGN 5.1). The station: {@code --url}, else {@code $BACKCHANNEL_URL},
 * else the station of the login acted as. The login: {@code --as NAME}'s, else the current one.
 * Without a station a command is refused as not logged in, rather than guessing one.
 */
final class ClientOptions {
  /** Where a station serves by default; only {@code login} falls back to it. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The running station (default: $BACKCHANNEL_URL, else the one logged in to).")
  String url;

  @Option(
      names = "--as",
      paramLabel = "NAME",
      description =
          "Act as NAME's kept login instead of the current one (backchannel login lists them).")
  String as;

  /** The URL given on the command line or in the environment, if any. */
  Optional<String> given(CliContext context) {
    return Optional.ofNullable(url).or(() -> context.env("BACKCHANNEL_URL"));
  }

  /** Whether the command line itself names a station or a login to act as. */
  boolean namesAStation() {
    return url != null || as != null;
  }

  /**
   * The kept login acted as: {@code --as NAME}'s (at the station given, if one is), else the
   * current one when it is for the station given or none is given.
   *
   * @throws StationClient.Failure UNAUTHENTICATED when {@code --as} names no kept login
   */
  Optional<LoginFile.Saved> login(CliContext context) {
    LoginFile.Logins logins = LoginFile.of(context).read();
    Optional<String> station = given(context);
    if (as != null) {
      return Optional.of(
          logins
              .of(as, station)
              .orElseThrow(
                  () ->
                      new StationClient.Failure(
                          "UNAUTHENTICATED",
                          "no kept login of "
                              + as
                              + station.map(s -> " at " + s).orElse("")
                              + " (kept: "
                              + logins.names()
                              + "); run backchannel login --user "
                              + as,
                          ExitCode.NOT_FOUND)));
    }
    return logins
        .current()
        .filter(c -> station.map(s -> c.url().equals(LoginFile.stripSlash(s))).orElse(true));
  }

  /**
   * The station {@code login} logs in to: the one given, else the current login's, else the
   * default.
   */
  String loginTarget(CliContext context) {
    return given(context)
        .or(() -> LoginFile.of(context).read().current().map(LoginFile.Saved::url))
        .orElse(DEFAULT_URL);
  }

  /**
   * A client for the station, with the token of the login acted as ({@code $BACKCHANNEL_TOKEN}
   * unless {@code --as} picks a kept one).
   *
   * @throws StationClient.Failure UNAUTHENTICATED when neither a station nor a login is at hand
   */
  StationClient client(CliContext context) {
    Optional<LoginFile.Saved> saved = login(context);
    Optional<String> envToken = as == null ? context.env("BACKCHANNEL_TOKEN") : Optional.empty();
    Optional<String> target = given(context).or(() -> saved.map(LoginFile.Saved::url));
    if (target.isEmpty() && envToken.isPresent()) {
      target = Optional.of(DEFAULT_URL);
    }
    if (target.isEmpty()) {
      LoginFile.Logins logins = LoginFile.of(context).read();
      throw new StationClient.Failure(
          "UNAUTHENTICATED",
          "not logged in; run backchannel login --user NAME --url URL"
              + (logins.all().isEmpty()
                  ? ""
                  : ", or act as a kept login with --as NAME (kept: " + logins.names() + ")"),
          ExitCode.NOT_FOUND);
    }
    return new StationClient(
        target.get(), envToken.or(() -> saved.map(LoginFile.Saved::token)), context.json());
  }
}
