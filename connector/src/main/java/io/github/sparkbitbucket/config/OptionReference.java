package io.github.sparkbitbucket.config;

/**
 * Renders the option reference (README, {@code connector/OPTIONS.md}) from the registry in
 * {@link BitbucketOptions}, so the documentation cannot drift from the code.
 */
public final class OptionReference {
  private OptionReference() {}

  /** A Markdown table: option, meaning, expected form, default. */
  public static String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("| option | meaning | value | default |\n|---|---|---|---|\n");
    for (OptionSpec<?> spec : BitbucketOptions.specs()) {
      s.append("| `").append(spec.name()).append("` | ")
          .append(cell(spec.description() + (spec.isSecret() ? " Secret: never shown." : "")))
          .append(" | ").append(cell(spec.form())).append(" | ")
          .append(cell(spec.defaultText())).append(" |\n");
    }
    return s.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Prints the table: {@code java -cp ... io.github.sparkbitbucket.config.OptionReference}. */
  public static void main(String[] args) {
    System.out.print(markdown());
  }
}
