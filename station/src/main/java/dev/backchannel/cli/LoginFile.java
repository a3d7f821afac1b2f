package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code backchannel login} keeps its token: {@code login.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/backchannel}, else {@code ~/.config/backchannel}), readable and writable
 * by its owner only.
 */
final class LoginFile {
  /** A saved login: the station, the user and his bearer token. */
  record Saved(String url, String user, String token, String expiresAt) {
    Saved {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  private final Path file;
  private final ObjectMapper json;

  LoginFile(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  /** The login file for this environment. */
  static LoginFile of(CliContext context) {
    Path folder =
        context
            .env("XDG_CONFIG_HOME")
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(context.env("HOME").orElse(System.getProperty("user.home")), ".config"))
            .resolve("backchannel");
    return new LoginFile(folder.resolve("login.json"), context.json());
  }

  Path path() {
    return file;
  }

  /** The saved login, if there is a readable one. */
  Optional<Saved> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(
          new Saved(
              n.path("url").asText(),
              n.path("user").asText(),
              n.path("token").asText(),
              n.path("expiresAt").asText()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Saves a login, replacing any other, with owner-only permissions from the start. */
  void write(Saved saved) {
    ObjectNode o = json.createObjectNode();
    o.put("url", saved.url());
    o.put("user", saved.user());
    o.put("token", saved.token());
    o.put("expiresAt", saved.expiresAt());
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        throw new IllegalStateException(
            "cannot keep the token owner-only: this file system has no POSIX permissions", e);
      } catch (FileAlreadyExistsException e) {
        throw new IllegalStateException("another login is being saved at " + temp, e);
      }
      Files.writeString(temp, o.toString() + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the login in " + file, e);
    }
  }

  /** Forgets the saved login; nothing to do when there is none. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the login " + file, e);
    }
  }
}
