package dev.backchannel.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compose page: the form as the drafter left it, the errors next to their fields, and what the
 * form offers: only the classifications and caveats his clearance lets him assign, the names a
 * cable of his end may address, the exchange's cables to refer to.
 *
 * @param notice a word above the form: a release warning (G5) to confirm, or a second approval
 * @param confirm whether the release button now confirms past the warning
 */
public record ComposeView(
    Chrome chrome,
    String action,
    ComposeForm form,
    Map<String, String> errors,
    Optional<String> notice,
    boolean confirm,
    List<String> precedences,
    List<String> classifications,
    List<String> caveats,
    List<String> eyesOnly,
    List<String> from,
    List<String> to,
    List<String> anyone,
    List<String> references) {
  public ComposeView {
    Objects.requireNonNull(chrome, "chrome");
    errors = Map.copyOf(errors);
  }

  /** The error next to a field, or blank. */
  public String error(String field) {
    return errors.getOrDefault(field, "");
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }
}
