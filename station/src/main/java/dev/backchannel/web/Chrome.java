package dev.backchannel.web;

import java.util.Objects;
import java.util.Optional;

/**
 * What every page shows around its content: its title, who is logged in, the session's CSRF token
 * that its forms and htmx requests carry, and whether he may open the administration page.
 */
public record Chrome(String title, Optional<String> user, String csrf, boolean administers) {
  public Chrome {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrf, "csrf");
  }

  /** For a page seen before logging in. */
  public static Chrome anonymous(String title) {
    return new Chrome(title, Optional.empty(), "", false);
  }
}
