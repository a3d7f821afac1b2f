package dev.backchannel.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.store.Credentials;
import dev.backchannel.store.Draft;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.Membership;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.config.Configurable;

/**
 * The store's row mappers, registered once on every connection's configuration: a query names the
 * columns a mapper reads (by label, in the {@code *_COLUMNS} lists here) and asks for the value
 * type, never for positions in an array.
 */
final class Rows {
  private Rows() {}

  /** The columns {@link UserInfo} is mapped from, {@code u} being a {@code user_account}. */
  static final String USER_COLUMNS =
      "u.id AS user_id, u.name AS user_name, u.addressed_as AS user_addressed_as, u.clearance AS"
          + " user_clearance, u.caveats AS user_caveats, u.time_zone AS user_time_zone,"
          + " u.office_hours AS user_office_hours, u.roles AS user_roles, u.disabled AS"
          + " user_disabled";

  /**
   * The columns a {@link StoredCable} is mapped from, {@code c} a cable and {@code x} its exchange.
   */
  static String cableColumns(Dialect dialect) {
    return "c.id AS cable_id, x.name AS cable_exchange, c.canonical AS cable_canonical, c.sha256 AS"
        + " cable_sha256, c.origin AS cable_origin, c.released_at AS cable_released_at, c.seen AS"
        + " cable_seen, c.document AS cable_document, (SELECT name FROM channel WHERE id ="
        + " x.channel_id) AS cable_channel, (SELECT "
        + dialect.joinNames("name")
        + " FROM cable_reader WHERE cable_id = c.id) AS cable_readers";
  }

  /** The columns a {@link Draft} is mapped from, with {@link #DRAFT_FROM}. */
  static final String DRAFT_COLUMNS =
      "d.id AS draft_id, x.name AS draft_exchange, s.name AS draft_series, ch.name AS"
          + " draft_channel, e.name AS draft_end, a.name AS draft_author, d.text AS draft_text,"
          + " d.saved_at AS draft_saved_at, ap.name AS draft_approved_by";

  static final String DRAFT_FROM =
      " FROM draft d JOIN exchange x ON x.id = d.exchange_id JOIN series s ON s.id = d.series_id"
          + " JOIN channel_end e ON e.id = d.end_id JOIN channel ch ON ch.id = e.channel_id JOIN"
          + " user_account a ON a.id = d.author_id LEFT JOIN user_account ap ON ap.id ="
          + " d.approved_by";

  /** The columns a {@link Receipt} is mapped from, {@code r} a receipt, {@code u} its reader. */
  static final String RECEIPT_COLUMNS =
      "r.cable_id AS receipt_cable, u.name AS receipt_reader, r.kind AS receipt_kind, r.at AS"
          + " receipt_at, r.client AS receipt_client, b.name AS receipt_by";

  /** Separates the names {@link Dialect#joinNames} joins. */
  private static final String UNIT_SEPARATOR = String.valueOf((char) 31);

  /** Registers every mapper of the store on {@code target}. */
  static void register(Configurable<?> target, Database db) {
    registerOwn(target);
    target.registerRowMapper(UserInfo.class, (rs, ctx) -> user(rs));
    target.registerRowMapper(
        Credentials.class,
        (rs, ctx) ->
            new Credentials(
                user(rs),
                Optional.ofNullable(rs.getString("password_hash")),
                Optional.ofNullable(rs.getString("setup_token_hash"))));
    target.registerRowMapper(
        SessionInfo.class,
        (rs, ctx) ->
            new SessionInfo(
                rs.getString("session_token_hash"),
                user(rs),
                SessionKind.valueOf(rs.getString("session_kind")),
                rs.getString("session_csrf_token"),
                Instant.ofEpochMilli(rs.getLong("session_expires_at"))));
    target.registerRowMapper(
        StationInfo.class,
        (rs, ctx) ->
            new StationInfo(
                rs.getString("prefix"),
                rs.getString("name"),
                rs.getString("public_key"),
                rs.getLong("station_serial")));
    target.registerRowMapper(
        Membership.class,
        (rs, ctx) ->
            new Membership(
                rs.getString("channel"), rs.getString("end_name"), flag(rs, "release_authority")));
    target.registerRowMapper(
        SeriesInfo.class,
        (rs, ctx) ->
            new SeriesInfo(
                rs.getLong("series_id"),
                new Series(rs.getString("series_name")),
                rs.getString("end_name"),
                rs.getLong("end_id")));
    target.registerRowMapper(StoredCable.class, (rs, ctx) -> cable(rs, db));
    target.registerRowMapper(
        Draft.class,
        (rs, ctx) ->
            new Draft(
                rs.getLong("draft_id"),
                rs.getString("draft_exchange"),
                new Series(rs.getString("draft_series")),
                rs.getString("draft_channel"),
                rs.getString("draft_end"),
                rs.getString("draft_author"),
                rs.getString("draft_text"),
                Instant.ofEpochMilli(rs.getLong("draft_saved_at")),
                Optional.ofNullable(rs.getString("draft_approved_by"))));
    target.registerRowMapper(
        Receipt.class,
        (rs, ctx) ->
            new Receipt(
                rs.getLong("receipt_cable"),
                rs.getString("receipt_reader"),
                ReceiptKind.valueOf(rs.getString("receipt_kind")),
                Instant.ofEpochMilli(rs.getLong("receipt_at")),
                rs.getString("receipt_client"),
                Optional.ofNullable(rs.getString("receipt_by"))));
  }

  /** Registers the mappers of the rows repositories read for their own use. */
  private static void registerOwn(Configurable<?> target) {
    target.registerRowMapper(
        JdbcDelivery.Candidate.class,
        (rs, ctx) ->
            new JdbcDelivery.Candidate(
                rs.getLong("id"),
                rs.getString("name"),
                Classification.valueOf(rs.getString("clearance")),
                OfficeHours.parse(rs.getString("office_hours")),
                ZoneId.of(rs.getString("time_zone"))));
    target.registerRowMapper(
        JdbcDelivery.Queued.class,
        (rs, ctx) ->
            new JdbcDelivery.Queued(
                rs.getLong("cable_id"),
                rs.getLong("exchange_id"),
                Precedence.valueOf(rs.getString("precedence"))));
    target.registerRowMapper(
        JdbcEscalations.Due.class,
        (rs, ctx) ->
            new JdbcEscalations.Due(
                rs.getLong("cable_id"), rs.getLong("end_id"), rs.getLong("delivered_at")));
  }

  private static UserInfo user(ResultSet rs) throws SQLException {
    return new UserInfo(
        rs.getLong("user_id"),
        rs.getString("user_name"),
        rs.getString("user_addressed_as"),
        new Clearance(
            Classification.valueOf(rs.getString("user_clearance")),
            splitCaveats(rs.getString("user_caveats"))),
        ZoneId.of(rs.getString("user_time_zone")),
        OfficeHours.parse(rs.getString("user_office_hours")),
        splitRoles(rs.getString("user_roles")),
        flag(rs, "user_disabled"));
  }

  private static StoredCable cable(ResultSet rs, Database db) throws SQLException {
    long releasedAt = rs.getLong("cable_released_at");
    boolean released = !rs.wasNull();
    int seen = rs.getInt("cable_seen");
    boolean hasSeen = !rs.wasNull();
    int document = rs.getInt("cable_document");
    boolean hasDocument = !rs.wasNull();
    String canonical = rs.getString("cable_canonical");
    String readers = rs.getString("cable_readers");
    return new StoredCable(
        rs.getLong("cable_id"),
        rs.getString("cable_exchange"),
        db.stored().parse(canonical),
        canonical,
        rs.getString("cable_sha256"),
        StoredCable.Origin.valueOf(rs.getString("cable_origin")),
        released ? Optional.of(Instant.ofEpochMilli(releasedAt)) : Optional.empty(),
        hasSeen ? OptionalInt.of(seen) : OptionalInt.empty(),
        hasDocument ? OptionalInt.of(document) : OptionalInt.empty(),
        rs.getString("cable_channel"),
        readers == null ? Set.of() : Set.of(readers.split(UNIT_SEPARATOR)));
  }

  /** A yes-or-no column, stored as 0 or 1. */
  static boolean flag(ResultSet rs, String column) throws SQLException {
    return rs.getInt(column) != 0;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Names as a JSON array, as a column keeps a list of them. */
  static String names(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the names " + names, e);
    }
  }

  /** The names of a column {@link #names} wrote. */
  static List<String> names(String json) {
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the names " + json + " are not a JSON array", e);
    }
  }

  static String joinRoles(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  static String joinCaveats(Set<Caveat> caveats) {
    return new TreeSet<>(caveats).stream().map(Caveat::name).collect(Collectors.joining(","));
  }

  private static Set<Caveat> splitCaveats(String text) {
    return text.isEmpty()
        ? Set.of()
        : Arrays.stream(text.split(",")).map(Caveat::new).collect(Collectors.toSet());
  }

  private static Set<Role> splitRoles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (!text.isEmpty()) {
      Arrays.stream(text.split(",")).map(Role::valueOf).forEach(roles::add);
    }
    return roles;
  }
}
