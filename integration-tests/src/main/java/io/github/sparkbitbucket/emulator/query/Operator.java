package io.github.sparkbitbucket.emulator.query;

/** The comparison operators of BBQL. */
enum Operator {
  EQ("="), NE("!="), CONTAINS("~"), NOT_CONTAINS("!~"), GT(">"), GE(">="), LT("<"), LE("<="),
  IN("IN"), NOT_IN("NOT IN");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  static Operator ofSymbol(String symbol) {
    for (Operator op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException(symbol);
  }

  boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** Whether a comparison result {@code sign} (json vs literal) satisfies this ordering operator. */
  boolean accepts(int sign) {
    switch (this) {
      case GT: return sign > 0;
      case GE: return sign >= 0;
      case LT: return sign < 0;
      case LE: return sign <= 0;
      default: throw new IllegalStateException(symbol + " is not an ordering operator");
    }
  }

  String symbol() {
    return symbol;
  }
}
