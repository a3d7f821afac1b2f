package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel user add|list|set}: users, through a running station (administrators). */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Users of a running station (administrators).",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Set.class})
final class UserCommand {

  /** Settings shared by add and set. */
  abstract static class Settings extends ClientCommand {
    @Option(
        names = "--clearance",
        paramLabel = "LEVEL",
        description = "UNCLASSIFIED, CONFIDENTIAL, SECRET or \"TOP SECRET\".")
    String clearance;

    @Option(
        names = "--caveats",
        paramLabel = "LIST",
        description =
            "Caveat authorisations, comma-separated (\"\" for none), e.g. SENSITIVE,NODIS.")
    String caveats;

    @Option(
        names = "--roles",
        paramLabel = "LIST",
        description =
            "Roles, comma-separated: principal, staff, duty_officer, records_officer,"
                + " administrator.")
    String roles;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "e.g. America/New_York.")
    String timeZone;

    @Option(
        names = "--office-hours",
        paramLabel = "HOURS",
        description = "e.g. \"08:00-18:00 MON-FRI\".")
    String officeHours;

    @Option(
        names = "--addressed-as",
        paramLabel = "NAME",
        description = "The name cables address him by (default: the login name, upper case).")
    String addressedAs;

    Settings(CliContext context) {
      super(context);
    }

    ObjectNode settings() {
      ObjectNode o = context.json().createObjectNode();
      if (clearance != null) {
        o.put("clearance", clearance);
      }
      if (caveats != null) {
        o.set("caveats", list(caveats));
      }
      if (roles != null) {
        o.set("roles", list(roles));
      }
      if (timeZone != null) {
        o.put("timeZone", timeZone);
      }
      if (officeHours != null) {
        o.put("officeHours", officeHours);
      }
      if (addressedAs != null) {
        o.put("addressedAs", addressedAs);
      }
      return o;
    }

    private ArrayNode list(String text) {
      ArrayNode a = context.json().createArrayNode();
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          a.add(part.strip());
        }
      }
      return a;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Creates a user. Without --password-file a one-time set-up token is printed, once; he"
              + " sets his password with backchannel login --setup-token.")
  static final class Add extends Settings {
    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description = "A file holding his first password (one line).")
    Path passwordFile;

    Add(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) throws IOException {
      ObjectNode body = settings();
      body.put("name", name);
      if (clearance == null) {
        context.console().error("USAGE", "give --clearance for a new user");
        return ExitCode.BAD_INPUT;
      }
      if (passwordFile != null) {
        try {
          body.put(
              "password",
              Files.readString(passwordFile, StandardCharsets.UTF_8)
                  .lines()
                  .findFirst()
                  .orElse(""));
        } catch (NoSuchFileException e) {
          context.console().error("NOT_FOUND", passwordFile + ": no such file");
          return ExitCode.NOT_FOUND;
        }
      }
      JsonNode u = client.post("/api/users", body);
      context
          .console()
          .out()
          .println("User " + u.path("name").asText() + " created: " + describe(u));
      if (u.has("setupToken")) {
        context
            .console()
            .out()
            .println(
                "One-time set-up token (shown once; backchannel login --user "
                    + u.path("name").asText()
                    + " --setup-token TOKEN):");
        context.console().out().println(u.path("setupToken").asText());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
  static final class ListUsers extends ClientCommand {
    @Option(names = "--json", description = "Print the users as a JSON array.")
    boolean json;

    ListUsers(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode users = client.get("/api/users");
      if (json) {
        context.console().out().println(users);
        return ExitCode.OK;
      }
      Table t =
          new Table(
              "NAME",
              "ADDRESSED AS",
              "CLEARANCE",
              "CAVEATS",
              "ROLES",
              "TIME ZONE",
              "HOURS",
              "STATE");
      for (JsonNode u : users) {
        t.row(
            u.path("name").asText(),
            u.path("addressedAs").asText(),
            u.path("clearance").asText(),
            join(u.path("caveats")),
            join(u.path("roles")),
            u.path("timeZone").asText(),
            u.path("officeHours").asText(),
            u.path("disabled").asBoolean() ? "disabled" : "active");
      }
      t.print(context.console().out());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Changes a user's settings; what is not given stays.")
  static final class Set extends Settings {
    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Option(
        names = "--disabled",
        paramLabel = "true|false",
        arity = "1",
        description = "Disable (ends his sessions) or enable him.")
    Boolean disabled;

    Set(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      ObjectNode body = settings();
      if (disabled != null) {
        body.put("disabled", disabled);
      }
      if (body.isEmpty()) {
        context.console().error("USAGE", "nothing to change: give at least one setting");
        return ExitCode.BAD_INPUT;
      }
      JsonNode u = client.send("PATCH", "/api/users/" + StationClient.segment(name), body);
      context.console().out().println("User " + u.path("name").asText() + " now: " + describe(u));
      return ExitCode.OK;
    }
  }

  static String describe(JsonNode u) {
    List<String> parts = new ArrayList<>();
    parts.add(u.path("clearance").asText());
    String caveats = join(u.path("caveats"));
    if (!caveats.isEmpty()) {
      parts.add(caveats);
    }
    String roles = join(u.path("roles"));
    parts.add(roles.isEmpty() ? "no roles" : roles);
    parts.add(u.path("timeZone").asText());
    parts.add(u.path("officeHours").asText());
    if (u.path("disabled").asBoolean()) {
      parts.add("disabled");
    }
    return String.join("; ", parts);
  }

  static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }
}
