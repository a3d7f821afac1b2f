package dev.backchannel.bench.station;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bench stations' parties, set up through the administrator's API as an operator would: channel
 * BC between the HAK end (kissinger, who releases) and the WH end (haig, who reads, and scowcroft,
 * its duty officer), and exchange OCT72 with series HAKTO (sent by HAK) and TOHAK (sent by WH).
 */
public final class October {
  /** The exchange the bench's traffic goes into. */
  public static final String EXCHANGE = "OCT72";

  private October() {}

  /** Creates the users, the channel, its members and the exchange. */
  public static void setUp(Client admin) {
    user(admin, "kissinger", "PRINCIPAL");
    user(admin, "haig", "PRINCIPAL");
    user(admin, "scowcroft", "DUTY_OFFICER");
    ObjectNode channel = Client.object().put("name", "BC");
    channel.putArray("ends").add("HAK").add("WH");
    admin.send("POST", "/api/channels", channel, 201);
    member(admin, "HAK", "kissinger", true);
    member(admin, "WH", "haig", true);
    member(admin, "WH", "scowcroft", false);
    ObjectNode exchange = Client.object().put("name", EXCHANGE).put("channel", "BC");
    exchange.putArray("series").add("HAKTO:HAK").add("TOHAK:WH");
    admin.send("POST", "/api/exchanges", exchange, 201);
  }

  private static void user(Client admin, String name, String role) {
    ObjectNode u =
        Client.object()
            .put("name", name)
            .put("clearance", "TOP_SECRET")
            .put("password", StationProcess.PASSWORD);
    u.putArray("roles").add(role);
    admin.send("POST", "/api/users", u, 201);
  }

  private static void member(Client admin, String end, String user, boolean releaseAuthority) {
    admin.send(
        "PUT",
        "/api/channels/BC/ends/" + end + "/members/" + user,
        Client.object().put("releaseAuthority", releaseAuthority),
        200);
  }

  /**
   * A draft from Kissinger to Haig of about {@code bytes} bytes (the peers' messages are 3 KB),
   * different for every {@code n} so that no two cables share a text.
   */
  public static String draft(String precedence, long n, int bytes) {
    StringBuilder b =
        new StringBuilder(precedence)
            .append("\nSECRET\nFROM: KISSINGER\nTO: HAIG\nSUBJ: BENCH TRAFFIC ")
            .append(n)
            .append("\n\n");
    int paragraph = 1;
    while (b.length() < bytes) {
      b.append(paragraph++).append(". ");
      int end = Math.min(b.length() + 1_000, Math.max(bytes, b.length() + 20));
      String words = "THE PRESIDENT WANTS THE RESTRICTION KEPT UNTIL YOU RETURN ";
      while (b.length() < end) {
        b.append(words);
      }
      b.setLength(b.length() - 1);
      b.append(" ").append(n).append(".\n\n");
    }
    b.setLength(b.length() - 1);
    return b.toString();
  }
}
