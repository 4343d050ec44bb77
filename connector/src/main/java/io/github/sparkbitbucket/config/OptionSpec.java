package io.github.sparkbitbucket.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One option of the connector: its name (as users type it, matched case-insensitively), the
 * expected form of its value, its default, a description for the generated option reference, and
 * how a raw string becomes a typed value.
 *
 * @param <T> the typed value
 */
public final class OptionSpec<T> {
  private final String name;
  private final String form;
  private final T defaultValue;
  private final String defaultText;
  private final String description;
  private final boolean secret;
  private final Function<String, T> parser;

  private OptionSpec(String name, String form, T defaultValue, String defaultText,
      String description, boolean secret, Function<String, T> parser) {
    this.name = Objects.requireNonNull(name);
    this.form = Objects.requireNonNull(form);
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.description = Objects.requireNonNull(description);
    this.secret = secret;
    this.parser = Objects.requireNonNull(parser);
  }

  static <T> OptionSpec<T> of(String name, String form, T defaultValue, String defaultText,
      String description, Function<String, T> parser) {
    return new OptionSpec<>(name, form, defaultValue, defaultText, description, false, parser);
  }

  static OptionSpec<Secret> secret(String name, String form, String description) {
    return new OptionSpec<>(name, form, null, "", description, true, Secret::of);
  }

  /** The option's name, as documented (matching is case-insensitive). */
  public String name() { return name; }

  /** What a valid value looks like, e.g. {@code an integer from 1 to 100}. */
  public String form() { return form; }

  /** The value used when the option is absent, or null when there is none. */
  public T defaultValue() { return defaultValue; }

  /** The default as documented (may describe a rule rather than a value), or empty. */
  public String defaultText() { return defaultText; }

  public String description() { return description; }

  /** True for credentials: their values never appear in messages, logs or toString. */
  public boolean isSecret() { return secret; }

  /**
   * Parses a raw value. A bad value gives an {@link IllegalArgumentException} naming the option,
   * the value (unless the option is secret) and the expected form.
   */
  public T parse(String raw) {
    String value = raw == null ? "" : raw.trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("Option '" + name + "' is empty: expected " + form + ".");
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      String shown = secret ? "(hidden: it is a secret)" : "'" + value + "'";
      String why = e.getMessage() == null || secret ? "" : " (" + e.getMessage() + ")";
      throw new IllegalArgumentException("Option '" + name + "' has a bad value " + shown + why
          + ": expected " + form + ".");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
