package io.github.sparkbitbucket.emulator.query;

import io.github.sparkbitbucket.emulator.query.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for BBQL. Grammar (AND binds tighter than OR):
 * <pre>
 * query      := or END
 * or         := and (OR and)*
 * and        := primary (AND primary)*
 * primary    := '(' or ')' | comparison
 * comparison := FIELD op value | FIELD [NOT] IN '(' value (',' value)* ')'
 * value      := STRING | NUMBER | DATETIME | true | false | null
 * </pre>
 */
final class BbqlParser {
  private static final int MAX_DEPTH = 64;
  private final List<Token> tokens;
  private int index;
  private int depth;

  private BbqlParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static BbqlQuery parse(String query) {
    BbqlParser parser = new BbqlParser(BbqlLexer.tokenize(query));
    BbqlQuery result = parser.or();
    parser.expect(Kind.END, "AND, OR or the end of the query");
    return result;
  }

  private BbqlQuery or() {
    List<BbqlQuery> parts = new ArrayList<>();
    parts.add(and());
    while (peek().kind() == Kind.OR) {
      index++;
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Disjunction(parts);
  }

  private BbqlQuery and() {
    List<BbqlQuery> parts = new ArrayList<>();
    parts.add(primary());
    while (peek().kind() == Kind.AND) {
      index++;
      parts.add(primary());
    }
    return parts.size() == 1 ? parts.get(0) : new Conjunction(parts);
  }

  private BbqlQuery primary() {
    if (peek().kind() == Kind.LPAREN) {
      Token open = tokens.get(index++);
      if (++depth > MAX_DEPTH) {
        // a hostile q must give a 400, not a stack overflow
        throw new BbqlException("Invalid query: parentheses nested deeper than " + MAX_DEPTH + " at position "
            + open.position());
      }
      BbqlQuery inner = or();
      if (peek().kind() != Kind.RPAREN) {
        throw unexpected(peek(), "\")\" to close the \"(\" at position " + open.position());
      }
      index++;
      depth--;
      return inner;
    }
    return comparison();
  }

  private BbqlQuery comparison() {
    Token fieldToken = expect(Kind.FIELD, "a field name");
    FieldPath field = new FieldPath(fieldToken.text());
    Token opToken = tokens.get(index++);
    switch (opToken.kind()) {
      case IN:
        return new Comparison(field, Operator.IN, list());
      case NOT:
        expect(Kind.IN, "IN after NOT");
        return new Comparison(field, Operator.NOT_IN, list());
      case OPERATOR:
        Operator operator = Operator.ofSymbol(opToken.text());
        Literal value = value();
        check(field, operator, value, opToken);
        return new Comparison(field, operator, List.of(value));
      default:
        throw unexpected(opToken, "an operator (= != ~ !~ > >= < <= IN, NOT IN) after \"" + field + "\"");
    }
  }

  private List<Literal> list() {
    expect(Kind.LPAREN, "\"(\" to start the list of values");
    List<Literal> values = new ArrayList<>();
    values.add(value());
    while (peek().kind() == Kind.COMMA) {
      index++;
      values.add(value());
    }
    expect(Kind.RPAREN, "\",\" or \")\" to close the list of values");
    return values;
  }

  private Literal value() {
    Token token = tokens.get(index);
    switch (token.kind()) {
      case STRING: case NUMBER: case DATETIME: case TRUE: case FALSE: case NULL:
        index++;
        return Literal.of(token);
      case FIELD:
        throw unexpected(token, "a value; quote strings like \"" + token.text() + "\"");
      default:
        throw unexpected(token, "a value (a \"string\", number, datetime, true, false or null)");
    }
  }

  /** Operator/value combinations that can never make sense are rejected before any object is read. */
  private static void check(FieldPath field, Operator operator, Literal value, Token opToken) {
    boolean textual = operator == Operator.CONTAINS || operator == Operator.NOT_CONTAINS;
    if (textual && value.type() != Literal.Type.STRING) {
      throw new BbqlException("Invalid query: operator " + operator.symbol() + " at position "
          + opToken.position() + " needs a \"string\" value, not " + value + " (field \"" + field + "\")");
    }
    if (operator.isOrdering() && (value.type() == Literal.Type.NULL || value.type() == Literal.Type.BOOLEAN)) {
      throw new BbqlException("Invalid query: operator " + operator.symbol() + " at position "
          + opToken.position() + " cannot compare with " + value + "; use = or != (field \"" + field + "\")");
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token expect(Kind kind, String what) {
    Token token = tokens.get(index);
    if (token.kind() != kind) {
      throw unexpected(token, what);
    }
    index++;
    return token;
  }

  private static BbqlException unexpected(Token token, String expected) {
    String where = token.kind() == Kind.END ? "Unexpected end of query"
        : "Unexpected token " + token.describe() + " at position " + token.position();
    return new BbqlException("Invalid query: " + where + "; expected " + expected);
  }
}
