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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code backchannel login} keeps its tokens: {@code login.json} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/backchannel}, else {@code ~/.config/backchannel}), readable and writable
 * by its owner only. It holds one login per station and user, and which of them is current: the one
 * commands use unless {@code --as NAME} picks another.
 */
final class LoginFile {
  /** A saved login: the station, the user and his bearer token. */
  record Saved(String url, String user, String token, String expiresAt) {
    Saved {
      url = stripSlash(Objects.requireNonNull(url, "url"));
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether this is the login of that user at that station. */
    boolean is(String url, String user) {
      return this.url.equals(stripSlash(url)) && this.user.equals(user);
    }

    /** {@code admin at http://…}, as lists and messages name a login. */
    String describe() {
      return user + " at " + url;
    }
  }

  /**
   * The kept logins, in the order they were first made, and the current one, if any.
   *
   * @param current an element of {@code all}; empty after {@code logout} of the current login
   */
  record Logins(List<Saved> all, Optional<Saved> current) {
    Logins {
      all = List.copyOf(all);
      Objects.requireNonNull(current, "current");
    }

    /** The kept login of a user: the one at {@code url} when given, else his only one. */
    Optional<Saved> of(String user, Optional<String> url) {
      List<Saved> his =
          all.stream()
              .filter(s -> s.user().equals(user))
              .filter(s -> url.map(u -> s.url().equals(stripSlash(u))).orElse(true))
              .toList();
      return his.size() == 1 ? Optional.of(his.get(0)) : Optional.empty();
    }

    /** {@code admin at http://…, haig at http://…}, or {@code none}. */
    String names() {
      return all.isEmpty() ? "none" : String.join(", ", all.stream().map(Saved::describe).toList());
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

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  Path path() {
    return file;
  }

  /** The kept logins; none when there is no readable file. */
  Logins read() {
    if (!Files.isRegularFile(file)) {
      return new Logins(List.of(), Optional.empty());
    }
    try {
      JsonNode n = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
      List<Saved> all = new ArrayList<>();
      n.path("logins").forEach(l -> all.add(saved(l)));
      JsonNode current = n.path("current");
      return new Logins(
          all,
          all.stream()
              .filter(s -> s.is(current.path("url").asText(), current.path("user").asText()))
              .findFirst());
    } catch (IOException e) {
      return new Logins(List.of(), Optional.empty());
    }
  }

  private static Saved saved(JsonNode n) {
    return new Saved(
        n.path("url").asText(),
        n.path("user").asText(),
        n.path("token").asText(),
        n.path("expiresAt").asText());
  }

  /** Keeps a login, replacing that user's earlier one at that station, and makes it current. */
  void add(Saved saved) {
    List<Saved> all = new ArrayList<>(read().all());
    int at = indexOf(all, saved);
    if (at < 0) {
      all.add(saved);
    } else {
      all.set(at, saved);
    }
    write(new Logins(all, Optional.of(saved)));
  }

  /** Makes a kept login current. */
  void makeCurrent(Saved saved) {
    write(new Logins(read().all(), Optional.of(saved)));
  }

  /**
   * Forgets one login; the file goes when it was the last. When it was current, none is current
   * until the user picks one: a command should not quietly act as someone else.
   */
  void remove(Saved saved) {
    Logins before = read();
    List<Saved> all = new ArrayList<>(before.all());
    all.removeIf(s -> s.is(saved.url(), saved.user()));
    if (all.isEmpty()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the login " + file, e);
      }
      return;
    }
    write(new Logins(all, before.current().filter(c -> !c.is(saved.url(), saved.user()))));
  }

  private static int indexOf(List<Saved> all, Saved saved) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).is(saved.url(), saved.user())) {
        return i;
      }
    }
    return -1;
  }

  /** Writes the logins, owner-only from the start, replacing the file in one move. */
  private void write(Logins logins) {
    ObjectNode o = json.createObjectNode();
    logins
        .current()
        .ifPresent(c -> o.putObject("current").put("url", c.url()).put("user", c.user()));
    var array = o.putArray("logins");
    for (Saved s : logins.all()) {
      array
          .addObject()
          .put("url", s.url())
          .put("user", s.user())
          .put("token", s.token())
          .put("expiresAt", s.expiresAt());
    }
    writeOwnerOnly(file, o.toString() + "\n", "the login");
  }

  /**
   * Writes a file readable by its owner only from the start, replacing the old one in one move.
   *
   * @param what what the file keeps, as an error names it
   */
  static void writeOwnerOnly(Path file, String text, String what) {
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
            "cannot keep " + what + " owner-only: this file system has no POSIX permissions", e);
      } catch (FileAlreadyExistsException e) {
        throw new IllegalStateException(what + " is being saved by another command at " + temp, e);
      }
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + what + " in " + file, e);
    }
  }

  /** The folder the login file is kept in. */
  Path folder() {
    return file.getParent();
  }
}
