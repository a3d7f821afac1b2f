package dev.backchannel.store.sqlite;

import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoredCable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A separate process for {@link CrashTest}: {@code release FILE} releases cables from four threads
 * and prints {@code ACK designator} for each release the store acknowledged, until it is killed;
 * {@code resume FILE} resumes the held WH end and stops after its first chunk, printing {@code
 * CHUNK n}; {@code deliver-due FILE MILLIS} and {@code escalate FILE MILLIS} run the clockwork's
 * delivery or escalation as at that instant, printing {@code START} first; {@code open FILE} tries
 * to open the store and prints what happened; {@code peek FILE} opens the file read-only, reads and
 * closes it, over and over, until it is killed.
 */
public final class ReleaseStream {
  private ReleaseStream() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    if (args[0].equals("open")) {
      try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
        System.out.println("OPENED " + store.station().isPresent());
      } catch (StoreException e) {
        System.out.println(e.problem() + ": " + e.getMessage());
      }
      return;
    }
    if (args[0].equals("peek")) {
      // as a backup or a read-only check would: open the file, read, close, again and again
      org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
      readOnly.setReadOnly(true);
      System.out.println("PEEKING");
      System.out.flush();
      while (true) {
        try (java.sql.Connection c = readOnly.createConnection("jdbc:sqlite:" + file);
            java.sql.Statement s = c.createStatement();
            java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cable")) {
          rs.next();
        }
      }
    }
    if (args[0].equals("deliver-due") || args[0].equals("escalate")) {
      Store store = SqliteStore.open(file, Clock.systemUTC());
      java.time.Instant at = java.time.Instant.ofEpochMilli(Long.parseLong(args[2]));
      System.out.println("START");
      System.out.flush();
      int n = args[0].equals("escalate") ? store.escalate(at).size() : store.deliverDue(at).size();
      System.out.println("DONE " + n);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    if (args[0].equals("resume")) {
      Store store = SqliteStore.open(file, Clock.systemUTC());
      store.resumeEnd(
          "BACKCHANNEL",
          "WH",
          "admin",
          chunk -> {
            System.out.println("CHUNK " + chunk.size());
            System.out.flush();
            // the first chunk is durable: stop here, as a station killed between chunks would
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      return;
    }
    Store store = SqliteStore.open(file, Clock.systemUTC());
    System.out.println("READY");
    System.out.flush();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(
          () -> {
            for (int i = 0; ; i++) {
              StoredCable c =
                  store.release(
                      new ReleaseRequest(
                          StoreFixtures.EXCHANGE,
                          StoreFixtures.HAKTO,
                          StoreFixtures.draft("Stream cable " + i + "."),
                          "operator"));
              synchronized (System.out) {
                System.out.println("ACK " + c.designatorText());
                System.out.flush();
              }
            }
          });
    }
    pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
  }
}
