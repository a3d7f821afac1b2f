package dev.backchannel.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The writer's prepared statements, each prepared once and kept for the life of its connection: the
 * writer runs the same few dozen statements for every release, and SQLite compiles a statement anew
 * for each {@code prepareStatement} (half of the writer's time in SQLite went on compiling).
 *
 * <p>Jdbi closes a statement when a use of it ends; a kept one is handed out behind a stand-in
 * whose {@code close} only clears its parameters and batch. For one connection used by one thread
 * at a time (the writer's); statements that return generated keys or are updatable are not kept.
 */
final class KeptStatements implements StatementBuilder {
  private final StatementBuilder plain = new DefaultStatementBuilder();
  private final Map<String, Kept> kept = new HashMap<>();

  /** A kept statement and the stand-in Jdbi is given for it. */
  private record Kept(PreparedStatement statement, PreparedStatement standIn) {}

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return plain.create(conn, ctx);
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      return plain.create(conn, sql, ctx);
    }
    return prepare(conn, sql);
  }

  /**
   * The kept statement for {@code sql} on {@code conn}, prepared on its first use: for the writer's
   * own JDBC work (batches, {@code RETURNING}), which Jdbi does not prepare.
   */
  PreparedStatement prepare(Connection conn, String sql) throws SQLException {
    Kept k = kept.get(sql);
    if (k == null || k.statement().isClosed()) {
      PreparedStatement s = conn.prepareStatement(sql);
      k = new Kept(s, standIn(s));
      kept.put(sql, k);
    }
    return k.standIn();
  }

  /** A stand-in for a kept statement: closing it clears it for the next use instead. */
  private static PreparedStatement standIn(PreparedStatement statement) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              statement.clearParameters();
              statement.clearBatch();
              return null;
            }
            case "isClosed" -> {
              return statement.isClosed();
            }
            default -> {
              return invoke(statement, method, args);
            }
          }
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            KeptStatements.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            handler);
  }

  private static Object invoke(PreparedStatement statement, Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(statement, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    return plain.createCall(conn, sql, ctx);
  }

  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    Kept k = kept.get(sql);
    if (k != null && k.standIn() == stmt) {
      stmt.close();
      return;
    }
    plain.close(conn, sql, stmt);
  }

  @Override
  public void close(Connection conn) {
    for (Kept k : kept.values()) {
      try {
        k.statement().close();
      } catch (SQLException e) {
        // the connection closes next, and with it whatever SQLite still holds of the statement
      }
    }
    kept.clear();
  }
}
