package dev.backchannel.web;

import dev.backchannel.receipts.Receipts;
import dev.backchannel.store.ReceiptKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader's standing with an exchange's traffic in one plain sentence: "president has read Hakto
 * 41 in full; Hakto 42 and Hakto 43 delivered, not opened."
 */
final class Standing {
  private Standing() {}

  static String sentence(String reader, List<Receipts.Standing> standing) {
    Map<String, List<String>> by = new LinkedHashMap<>();
    for (String phrase :
        List.of(
            "acknowledged", "read in full", "opened, not read in full", "delivered, not opened")) {
      by.put(phrase, new ArrayList<>());
    }
    for (Receipts.Standing s : standing) {
      by.get(phrase(s.furthest())).add(s.cable().designatorText().replaceAll("/.*", ""));
    }
    List<String> parts = new ArrayList<>();
    by.forEach(
        (phrase, cables) -> {
          if (!cables.isEmpty()) {
            parts.add(
                switch (phrase) {
                  case "acknowledged" -> "acknowledged " + list(cables);
                  case "read in full" -> "read " + list(cables) + " in full";
                  default -> list(cables) + " " + phrase;
                });
          }
        });
    return reader + ": " + String.join("; ", parts) + ".";
  }

  private static String phrase(ReceiptKind k) {
    return switch (k) {
      case ACKNOWLEDGED -> "acknowledged";
      case READ_IN_FULL -> "read in full";
      case OPENED -> "opened, not read in full";
      case DELIVERED, PASSED -> "delivered, not opened";
    };
  }

  private static String list(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }
}
