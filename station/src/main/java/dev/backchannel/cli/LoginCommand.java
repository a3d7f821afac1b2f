package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backchannel login}: logs in to a running station and keeps the bearer token in the user's
 * config folder, owner-only. With {@code --setup-token} it sets a first password instead.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Logs in to a running station; the token is kept in ~/.config/backchannel/login.json"
          + " (owner-only), one login per station and user, the last one current.",
      "Without --user it lists the kept logins (* marks the current one); with --as NAME it"
          + " makes NAME's kept login current without asking for a password."
    })
final class LoginCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin ClientOptions clientOptions;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Login name (default: $BACKCHANNEL_USER).")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "A file holding the password (one line). Else $BACKCHANNEL_PASSWORD, else it is asked"
              + " for on the terminal, else read as one line from standard input.")
  Path passwordFile;

  @Option(
      names = "--setup-token",
      paramLabel = "TOKEN",
      description =
          "The one-time set-up token that init or user add printed: the password read is set as"
              + " the first password.")
  String setupToken;

  @Option(
      names = "--json",
      description =
          "Print the login as JSON (station, user, expiry and token file; not the token).")
  boolean json;

  private final CliContext context;

  LoginCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    String name = Optional.ofNullable(user).or(() -> context.env("BACKCHANNEL_USER")).orElse(null);
    if (name == null && passwordFile == null && setupToken == null) {
      // nothing to log in with: the user asks which logins he has, or to switch to one
      return ClientCommand.handled(context, () -> clientOptions.as == null ? list() : switchTo());
    }
    if (name == null) {
      context.console().error("USAGE", "give --user NAME (or set BACKCHANNEL_USER)");
      return ExitCode.BAD_INPUT;
    }
    Optional<String> password = password();
    if (password.isEmpty()) {
      context
          .console()
          .error(
              "USAGE",
              "no password: give --password-file, set BACKCHANNEL_PASSWORD, or type it on a"
                  + " terminal");
      return ExitCode.BAD_INPUT;
    }
    StationClient anonymous =
        new StationClient(clientOptions.loginTarget(context), Optional.empty(), context.json());
    return ClientCommand.handled(
        context,
        () -> {
          ObjectNode body = context.json().createObjectNode();
          body.put("name", name);
          body.put("password", password.get());
          body.put("kind", "token");
          JsonNode answer;
          if (setupToken != null) {
            body.put("setupToken", setupToken);
            answer = anonymous.post("/api/setup", body);
          } else {
            answer = anonymous.post("/api/login", body);
          }
          LoginFile file = LoginFile.of(context);
          LoginFile.Saved saved =
              new LoginFile.Saved(
                  anonymous.url(),
                  answer.path("user").path("name").asText(name),
                  answer.path("token").asText(),
                  answer.path("expiresAt").asText());
          file.add(saved);
          if (json) {
            context
                .console()
                .out()
                .println(
                    context
                        .json()
                        .createObjectNode()
                        .put("url", saved.url())
                        .put("user", saved.user())
                        .put("expiresAt", saved.expiresAt())
                        .put("tokenFile", file.path().toString()));
            return ExitCode.OK;
          }
          context
              .console()
              .out()
              .println(
                  "Logged in to "
                      + saved.url()
                      + " as "
                      + saved.user()
                      + " until "
                      + saved.expiresAt()
                      + "; token kept in "
                      + file.path());
          return ExitCode.OK;
        });
  }

  /** The kept logins, the current one marked with {@code *}. */
  private int list() {
    LoginFile.Logins logins = LoginFile.of(context).read();
    var out = context.console().out();
    if (json) {
      var array = context.json().createArrayNode();
      for (LoginFile.Saved s : logins.all()) {
        array
            .addObject()
            .put("url", s.url())
            .put("user", s.user())
            .put("expiresAt", s.expiresAt())
            .put("current", logins.current().filter(s::equals).isPresent());
      }
      out.println(array);
      return ExitCode.OK;
    }
    if (logins.all().isEmpty()) {
      out.println("No logins kept; log in with backchannel login --user NAME --url URL");
    }
    for (LoginFile.Saved s : logins.all()) {
      out.println(
          (logins.current().filter(s::equals).isPresent() ? "* " : "  ")
              + s.describe()
              + " until "
              + s.expiresAt());
    }
    return ExitCode.OK;
  }

  /** Makes the login {@code --as} names current, without asking for a password again. */
  private int switchTo() {
    LoginFile.Saved saved = clientOptions.login(context).orElseThrow();
    LoginFile.of(context).makeCurrent(saved);
    context
        .console()
        .out()
        .println(
            "Now acting as " + saved.describe() + " (logged in until " + saved.expiresAt() + ")");
    return ExitCode.OK;
  }

  private Optional<String> password() throws IOException {
    if (passwordFile != null) {
      try {
        String line =
            Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
    Optional<String> env = context.env("BACKCHANNEL_PASSWORD");
    if (env.isPresent()) {
      return env;
    }
    java.io.Console terminal = System.console();
    if (terminal != null) {
      char[] typed = terminal.readPassword(setupToken != null ? "New password: " : "Password: ");
      return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(new String(typed));
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return Optional.ofNullable(in.readLine()).filter(l -> !l.isEmpty());
  }
}
