package dev.backchannel.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --url URL}: the running station a client command talks to (DESIGN 5.1). Without it: {@code
 * $BACKCHANNEL_URL}, else the station of the saved login, else {@code http://127.0.0.1:8080}.
 */
final class ClientOptions {
  /** Where a station serves by default. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The running station (default: $BACKCHANNEL_URL, else the one logged in to, else "
              + DEFAULT_URL
              + ").")
  String url;

  /** The URL given on the command line or in the environment, if any. */
  Optional<String> given(CliContext context) {
    return Optional.ofNullable(url).or(() -> context.env("BACKCHANNEL_URL"));
  }

  /** A client for the station, with the saved token when it was saved for that station. */
  StationClient client(CliContext context) {
    Optional<LoginFile.Saved> saved = LoginFile.of(context).read();
    String target = given(context).or(() -> saved.map(LoginFile.Saved::url)).orElse(DEFAULT_URL);
    Optional<String> token =
        context
            .env("BACKCHANNEL_TOKEN")
            .or(() -> saved.filter(s -> sameStation(s.url(), target)).map(LoginFile.Saved::token));
    return new StationClient(target, token, context.json());
  }

  private static boolean sameStation(String a, String b) {
    return strip(a).equals(strip(b));
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
