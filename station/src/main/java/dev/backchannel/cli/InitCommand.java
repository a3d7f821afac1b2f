package dev.backchannel.cli;

import dev.backchannel.accounts.Secrets;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.names.Names;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backchannel init}: creates a station file with its prefix, name, signing key and first
 * administrator (DESIGN 5.1). The administrator's password comes from a file or {@code
 * BACKCHANNEL_ADMIN_PASSWORD}; without either, a one-time set-up token is printed once. No default
 * password exists.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Sets up a new station file: prefix, name, signing key, first administrator.")
final class InitCommand extends DirectCommand {
  @Option(
      names = "--prefix",
      required = true,
      paramLabel = "PREFIX",
      description = "The station prefix written in station serials, 1 to 10 letters (e.g. WHS).")
  String prefix;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The station's name (e.g. \"White House Situation Room\").")
  String name;

  @Option(
      names = "--admin",
      defaultValue = "admin",
      paramLabel = "USER",
      description = "The first administrator's login (default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(
      names = "--admin-password-file",
      paramLabel = "FILE",
      description =
          "A file holding the administrator's password (one line). Else"
              + " $BACKCHANNEL_ADMIN_PASSWORD; else a one-time set-up token is printed.")
  Path passwordFile;

  InitCommand(CliContext context) {
    super(context);
  }

  @Override
  boolean setsUp() {
    return true;
  }

  @Override
  int run(Store store) throws IOException {
    String p = prefix.strip().toUpperCase(Locale.ROOT);
    if (!p.matches("[A-Z]{1,10}")) {
      throw new StoreException(
          StoreException.Problem.INVALID,
          "prefix",
          "the station prefix must be 1 to 10 letters A-Z: \"" + prefix + "\"");
    }
    if (name.isBlank()) {
      throw new StoreException(StoreException.Problem.INVALID, "name", "the station needs a name");
    }
    if (store.station().isPresent()) {
      throw new StoreException(
          StoreException.Problem.ALREADY_INITIALISED,
          "store",
          location().describe() + " is set up already");
    }
    // the first administrator's name passes the policy every other user's name does (issue 21)
    Names.require(Names.Kind.USER, "admin", admin);
    Names.require(Names.Kind.ADDRESSED_AS, "admin", admin);
    Optional<String> password = password();
    String token = password.isEmpty() ? Secrets.newToken() : null;
    Path keyFile = StoreOption.keyFile(context, location());
    Files.createDirectories(keyFile.getParent());
    KeyPair keys = SigningKeys.generate();
    try {
      SigningKeys.writePrivateKey(keys, keyFile);
    } catch (FileAlreadyExistsException e) {
      throw new StoreException(
          StoreException.Problem.CONFLICT,
          "store",
          "a signing key exists already at " + keyFile + "; remove it or choose another --store");
    }
    StationInfo station;
    try {
      station =
          store.initialise(
              new StationSetup(
                  p,
                  name.strip(),
                  SigningKeys.publicKeyText(keys),
                  NewUser.of(
                      admin,
                      new Clearance(Classification.UNCLASSIFIED, Set.of()),
                      ZoneId.of("UTC"),
                      Set.of(Role.ADMINISTRATOR),
                      password.map(pw -> context.passwords().hash(pw.toCharArray())),
                      Optional.ofNullable(token).map(Secrets::hash))));
    } catch (RuntimeException e) {
      Files.deleteIfExists(keyFile);
      throw e;
    }
    var out = context.console().out();
    out.println(
        "Station "
            + station.prefix()
            + " ("
            + station.name()
            + ") set up in "
            + location().address());
    out.println("Signing key: " + keyFile + " (owner-only)");
    if (token == null) {
      out.println("Administrator: " + admin + " (password as given)");
    } else {
      out.println("Administrator: " + admin + ", one-time set-up token (shown only now):");
      out.println(token);
    }
    return ExitCode.OK;
  }

  private Optional<String> password() throws IOException {
    if (passwordFile != null) {
      try {
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
          throw new StoreException(
              StoreException.Problem.INVALID,
              "admin-password-file",
              "the password file " + passwordFile + " is empty");
        }
        return Optional.of(line);
      } catch (NoSuchFileException e) {
        throw new StoreException(
            StoreException.Problem.NOT_FOUND,
            "admin-password-file",
            "no such password file: " + passwordFile);
      }
    }
    return context.env("BACKCHANNEL_ADMIN_PASSWORD");
  }
}
