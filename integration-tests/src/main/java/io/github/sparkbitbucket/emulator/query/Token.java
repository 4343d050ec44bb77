package io.github.sparkbitbucket.emulator.query;

/** One lexical token of a BBQL query; {@code position} is its 0-based offset, used in error messages. */
record Token(Kind kind, String text, Object value, int position) {
  enum Kind {
    FIELD, STRING, NUMBER, DATETIME, NULL, TRUE, FALSE, AND, OR, NOT, IN, OPERATOR, LPAREN, RPAREN, COMMA, END
  }

  /** How the token is quoted in an error message. */
  String describe() {
    return kind == Kind.END ? "end of query" : "\"" + text + "\"";
  }
}
