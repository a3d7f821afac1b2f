package dev.backchannel.cable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cable: its header and its body (DESIGN 2). Immutable; a released cable never changes (G2). A
 * draft has no DTG and no designator.
 *
 * @param precedence required speed of handling
 * @param label classification, caveats and eyes-only marking
 * @param from the originator
 * @param to the action addressees, at least one
 * @param info the info addressees
 * @param passTo the readers an addressee may pass the cable to
 * @param dtg the date-time group of release; empty in a draft
 * @param designator series serial and station serial; empty in a draft
 * @param handling handling instructions, one per line, in order
 * @param references earlier cables or paragraphs this one refers to, in order
 * @param subject the subject line
 * @param paragraphs the body, at least one paragraph
 */
public record Cable(
    Precedence precedence,
    SecurityLabel label,
    Person from,
    List<Person> to,
    List<Person> info,
    List<Person> passTo,
    Optional<Dtg> dtg,
    Optional<Designator> designator,
    List<Handling> handling,
    List<Reference> references,
    Optional<String> subject,
    List<Paragraph> paragraphs) {

  /**
   * @throws InvalidValueException if there is no action addressee or no paragraph, a reference is
   *     given twice, or the subject is not a valid header value
   */
  public Cable {
    Objects.requireNonNull(precedence, "precedence");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    info = List.copyOf(info);
    passTo = List.copyOf(passTo);
    Objects.requireNonNull(dtg, "dtg");
    Objects.requireNonNull(designator, "designator");
    handling = List.copyOf(handling);
    references = List.copyOf(references);
    subject = Objects.requireNonNull(subject, "subject").map(s -> Text.header("subject", s));
    paragraphs = List.copyOf(paragraphs);
    if (to.isEmpty()) {
      throw new InvalidValueException("to", "a cable needs at least one action addressee");
    }
    if (paragraphs.isEmpty()) {
      throw new InvalidValueException("paragraphs", "a cable needs at least one paragraph");
    }
    // the canonical parser refuses a REF line naming one twice: no cable renders one
    for (int i = 0; i < references.size(); i++) {
      if (references.subList(0, i).contains(references.get(i))) {
        throw new InvalidValueException(
            "references",
            "REF "
                + references.get(i).text()
                + " is given twice; name each cable or paragraph once");
      }
    }
  }

  /** True if this cable has neither DTG nor designator yet. */
  public boolean isDraft() {
    return dtg.isEmpty() && designator.isEmpty();
  }

  /** The number of addressees: action, info and pass-to entries together. */
  public int addresseeCount() {
    return to.size() + info.size() + passTo.size();
  }

  /** A builder starting from this cable's values. */
  public Builder toBuilder() {
    Builder b = new Builder(precedence, label, from);
    b.to.addAll(to);
    b.info.addAll(info);
    b.passTo.addAll(passTo);
    b.dtg = dtg;
    b.designator = designator;
    b.handling.addAll(handling);
    b.references.addAll(references);
    b.subject = subject;
    b.paragraphs.addAll(paragraphs);
    return b;
  }

  /** A builder for a cable with the three values every cable has. */
  public static Builder builder(Precedence precedence, SecurityLabel label, Person from) {
    return new Builder(precedence, label, from);
  }

  /** Collects a cable's values; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private Precedence precedence;
    private SecurityLabel label;
    private Person from;
    private final List<Person> to = new ArrayList<>();
    private final List<Person> info = new ArrayList<>();
    private final List<Person> passTo = new ArrayList<>();
    private Optional<Dtg> dtg = Optional.empty();
    private Optional<Designator> designator = Optional.empty();
    private final List<Handling> handling = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private Optional<String> subject = Optional.empty();
    private final List<Paragraph> paragraphs = new ArrayList<>();

    private Builder(Precedence precedence, SecurityLabel label, Person from) {
      this.precedence = precedence;
      this.label = label;
      this.from = from;
    }

    public Builder precedence(Precedence value) {
      this.precedence = value;
      return this;
    }

    public Builder label(SecurityLabel value) {
      this.label = value;
      return this;
    }

    public Builder from(Person value) {
      this.from = value;
      return this;
    }

    public Builder to(Person value) {
      to.add(value);
      return this;
    }

    public Builder info(Person value) {
      info.add(value);
      return this;
    }

    public Builder passTo(Person value) {
      passTo.add(value);
      return this;
    }

    public Builder dtg(Dtg value) {
      this.dtg = Optional.of(value);
      return this;
    }

    public Builder designator(Designator value) {
      this.designator = Optional.of(value);
      return this;
    }

    /** Removes DTG and designator, as in a draft. */
    public Builder asDraft() {
      this.dtg = Optional.empty();
      this.designator = Optional.empty();
      return this;
    }

    public Builder handling(Handling value) {
      handling.add(value);
      return this;
    }

    public Builder reference(Reference value) {
      references.add(value);
      return this;
    }

    public Builder subject(String value) {
      this.subject = Optional.of(value);
      return this;
    }

    public Builder paragraph(Paragraph value) {
      paragraphs.add(value);
      return this;
    }

    /**
     * The cable.
     *
     * @throws InvalidValueException as the {@link Cable} constructor
     */
    public Cable build() {
      return new Cable(
          precedence,
          label,
          from,
          to,
          info,
          passTo,
          dtg,
          designator,
          handling,
          references,
          subject,
          paragraphs);
    }
  }
}
