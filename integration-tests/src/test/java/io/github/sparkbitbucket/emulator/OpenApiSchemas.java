package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Bitbucket Cloud's official OpenAPI document and a small validator for its component schemas.
 *
 * <p>The document is read from the test classpath ({@code openapi/bitbucket-openapi.json.gz}, a copy of
 * {@code ../shared/bitbucket-api/openapi/bitbucket-openapi.json}) so a fresh clone is self-contained; if the copy is
 * missing, from {@code ${bitbucket.api.dir}/openapi/}, a system property the pom sets.
 *
 * <p>Supported keywords are the ones the document uses: {@code $ref}, {@code allOf}, {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties} (as a schema), {@code items},
 * {@code enum}, {@code format} ({@code date-time}: RFC 3339 with an offset; {@code uri}: an absolute URI, or the
 * scp-like {@code git@host:path} that ssh clone links use), {@code pattern}, {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength}, {@code minItems}/{@code maxItems}.
 *
 * <p>Two deliberate leniencies, calibrated on the recorded real responses ({@code OpenApiSchemasTest}):
 * <ul>
 *   <li>The document never says {@code nullable}, yet the live API returns {@code null} for absent optional
 *       values ({@code closed_by}, {@code mainbranch}, {@code participated_on}), so a JSON null is accepted
 *       wherever a value is allowed.</li>
 *   <li>{@code additionalProperties: false} is not enforced: every real pull request carries
 *       {@code links.statuses}, {@code summary.type} and {@code source.commit.links}, which the schemas forbid.
 *       Invented fields are caught by the fidelity test's comparison with samples instead.</li>
 * </ul>
 * {@link Mode#PARTIAL} also skips {@code required}, for partial ({@code fields=}) or trimmed responses.
 */
final class OpenApiSchemas {
  private static final String CLASSPATH_COPY = "/openapi/bitbucket-openapi.json.gz";
  private static final String REF_PREFIX = "#/components/schemas/";
  /**
   * Link containers that inherit {@code required: [type]} from {@code object} in the document but never
   * carry a {@code type} in real responses (a pipeline's {@code links} and {@code links.self}); their
   * own presence is not checked, their contents are.
   */
  private static final Set<String> TYPELESS_IN_PRACTICE =
      Set.of("pipelines_pipeline_links", "pipelines_links_section_href");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCP_LIKE_GIT_URL = Pattern.compile("[\\w.-]+@[\\w.-]+:[^\\s]+");
  private static volatile OpenApiSchemas shared;

  /** Whether {@code required} properties are checked. */
  enum Mode {
    /** A complete API object: every {@code required} property must be present. */
    COMPLETE,
    /** A partial ({@code fields=}) or trimmed object: only what is present is checked. */
    PARTIAL
  }

  private final JsonNode schemas;

  private OpenApiSchemas(JsonNode document) {
    this.schemas = document.path("components").path("schemas");
    if (schemas.isMissingNode() || schemas.size() == 0) {
      throw new IllegalStateException("The OpenAPI document has no components.schemas");
    }
  }

  /** The document, loaded once per JVM (it is 1.5 MB). */
  static OpenApiSchemas load() {
    OpenApiSchemas result = shared;
    if (result == null) {
      synchronized (OpenApiSchemas.class) {
        if (shared == null) {
          shared = new OpenApiSchemas(readDocument());
        }
        result = shared;
      }
    }
    return result;
  }

  private static JsonNode readDocument() {
    try (InputStream gz = OpenApiSchemas.class.getResourceAsStream(CLASSPATH_COPY)) {
      if (gz != null) {
        return JSON.readTree(new GZIPInputStream(gz));
      }
      String dir = System.getProperty("bitbucket.api.dir");
      if (dir == null) {
        throw new IllegalStateException("No " + CLASSPATH_COPY + " on the test classpath and no "
            + "-Dbitbucket.api.dir; restore the copy in integration-tests/src/test/resources");
      }
      return JSON.readTree(Files.readAllBytes(Path.of(dir, "openapi", "bitbucket-openapi.json")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Bitbucket OpenAPI document", e);
    }
  }

  /** Whether {@code #/components/schemas/name} exists. */
  boolean has(String name) {
    return schemas.has(name);
  }

  /**
   * Validates {@code instance} against {@code #/components/schemas/schemaName}.
   *
   * @return every violation, each as {@code $.json.path: problem}; empty when valid
   */
  List<String> validate(JsonNode instance, String schemaName) {
    return validate(instance, schemaName, Mode.COMPLETE);
  }

  /** As {@link #validate(JsonNode, String)}, with {@code required} checked only in {@link Mode#COMPLETE}. */
  List<String> validate(JsonNode instance, String schemaName, Mode mode) {
    if (!has(schemaName)) {
      throw new IllegalArgumentException("No schema #/components/schemas/" + schemaName);
    }
    List<String> errors = new ArrayList<>();
    new Validation(mode, errors).check(instance, schemas.get(schemaName), "$", 0);
    return errors;
  }

  /**
   * Whether {@code #/components/schemas/schemaName} declares the field at {@code path} (dotted, arrays as
   * {@code []}, as {@link JsonShape} writes paths), following {@code $ref}, {@code allOf} and {@code items}.
   */
  boolean declares(String schemaName, String path) {
    List<JsonNode> current = List.of(schemas.get(schemaName));
    for (String step : path.replace("[]", ".[]").split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode schema : current) {
        for (JsonNode flat : flatten(schema, 0)) {
          JsonNode child = step.equals("[]") ? flat.get("items") : flat.path("properties").get(step);
          if (child != null) {
            next.add(child);
          }
        }
      }
      if (next.isEmpty()) {
        return false;
      }
      current = next;
    }
    return true;
  }

  /** The schema and every schema it is made of through $ref and allOf, plus its discriminator subtypes. */
  private List<JsonNode> flatten(JsonNode schema, int depth) {
    List<JsonNode> all = new ArrayList<>();
    collect(schema, new java.util.HashSet<>(), all);
    return all;
  }

  private void collect(JsonNode schema, Set<String> visited, List<JsonNode> out) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!visited.add(ref)) {
        return;
      }
      collect(resolve(ref), visited, out);
      if (!ref.equals(REF_PREFIX + "object")) {
        // polymorphism by discriminator: an "account" may be served as a "user" (with nickname), etc.
        for (JsonNode subtype : subtypesOf(ref)) {
          collect(subtype, visited, out);
        }
      }
      return;
    }
    out.add(schema);
    for (JsonNode part : schema.path("allOf")) {
      collect(part, visited, out);
    }
  }

  /** The schemas whose allOf extends {@code ref} directly. */
  private List<JsonNode> subtypesOf(String ref) {
    List<JsonNode> subtypes = new ArrayList<>();
    for (JsonNode candidate : schemas) {
      for (JsonNode part : candidate.path("allOf")) {
        if (ref.equals(part.path("$ref").asText())) {
          subtypes.add(candidate);
        }
      }
    }
    return subtypes;
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith(REF_PREFIX) || !schemas.has(ref.substring(REF_PREFIX.length()))) {
      throw new IllegalStateException("Unresolvable $ref " + ref);
    }
    return schemas.get(ref.substring(REF_PREFIX.length()));
  }

  /** One validation run: collects every violation rather than stopping at the first. */
  private final class Validation {
    private final Mode mode;
    private final List<String> errors;

    Validation(Mode mode, List<String> errors) {
      this.mode = mode;
      this.errors = errors;
    }

    void check(JsonNode value, JsonNode schema, String path, int depth) {
      if (depth > 256) {
        throw new IllegalStateException("Schema recursion deeper than 256 at " + path);
      }
      if (schema.has("$ref")) {
        String ref = schema.get("$ref").asText();
        if (TYPELESS_IN_PRACTICE.contains(ref.substring(REF_PREFIX.length()))) {
          new Validation(Mode.PARTIAL, errors).check(value, resolve(ref), path, depth + 1);
          return;
        }
        check(value, resolve(ref), path, depth + 1);
        return; // siblings of $ref are ignored in OpenAPI 3.0
      }
      if (value.isNull()) {
        return; // see class comment: nulls stand for absent optional values
      }
      for (JsonNode part : schema.path("allOf")) {
        check(value, part, path, depth + 1);
      }
      String type = schema.has("type") ? schema.get("type").asText()
          : schema.has("properties") ? "object" : null;
      if (type != null && !hasType(value, type)) {
        errors.add(path + ": expected " + type + " but was " + describe(value));
        return;
      }
      checkEnum(value, schema, path);
      if (value.isTextual()) {
        checkString(value.textValue(), schema, path);
      } else if (value.isNumber()) {
        checkNumber(value, schema, path);
      } else if (value.isObject()) {
        checkObject(value, schema, path, depth);
      } else if (value.isArray()) {
        checkArray(value, schema, path, depth);
      }
    }

    private void checkEnum(JsonNode value, JsonNode schema, String path) {
      JsonNode allowed = schema.get("enum");
      if (allowed == null) {
        return;
      }
      for (JsonNode candidate : allowed) {
        if (candidate.equals(value)) {
          return;
        }
      }
      errors.add(path + ": " + describe(value) + " is not one of " + allowed);
    }

    private void checkString(String text, JsonNode schema, String path) {
      String format = schema.path("format").asText("");
      if (format.equals("date-time")) {
        try {
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
          errors.add(path + ": \"" + text + "\" is not an RFC 3339 date-time with an offset");
        }
      } else if (format.equals("uri") && !isUri(text)) {
        errors.add(path + ": \"" + text + "\" is not an absolute URI");
      }
      if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
        errors.add(path + ": \"" + text + "\" does not match pattern " + schema.get("pattern").asText());
      }
      int length = text.codePointCount(0, text.length());
      if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
        errors.add(path + ": shorter than minLength " + schema.get("minLength").asInt());
      }
      if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
        errors.add(path + ": longer than maxLength " + schema.get("maxLength").asInt());
      }
    }

    private void checkNumber(JsonNode value, JsonNode schema, String path) {
      if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
        errors.add(path + ": " + value + " is below minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
        errors.add(path + ": " + value + " is above maximum " + schema.get("maximum"));
      }
    }

    private void checkObject(JsonNode value, JsonNode schema, String path, int depth) {
      if (mode == Mode.COMPLETE) {
        for (JsonNode required : schema.path("required")) {
          if (!value.has(required.asText())) {
            errors.add(path + ": missing required property \"" + required.asText() + "\"");
          }
        }
      }
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path + "." + field.getKey();
        if (properties.has(field.getKey())) {
          check(field.getValue(), properties.get(field.getKey()), childPath, depth + 1);
        } else if (additional != null && additional.isObject()) {
          check(field.getValue(), additional, childPath, depth + 1);
        }
      }
    }

    private void checkArray(JsonNode value, JsonNode schema, String path, int depth) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        errors.add(path + ": fewer than minItems " + schema.get("minItems").asInt());
      }
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
        errors.add(path + ": more than maxItems " + schema.get("maxItems").asInt());
      }
      JsonNode items = schema.get("items");
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), items, path + "[" + i + "]", depth + 1);
        }
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    switch (type) {
      case "object": return value.isObject();
      case "array": return value.isArray();
      case "string": return value.isTextual();
      case "boolean": return value.isBoolean();
      case "number": return value.isNumber();
      case "integer": return value.isIntegralNumber()
          || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      default: throw new IllegalStateException("Unknown schema type " + type);
    }
  }

  private static boolean isUri(String text) {
    if (SCP_LIKE_GIT_URL.matcher(text).matches()) {
      return true; // links.clone[name=ssh].href is git@bitbucket.org:ws/repo.git
    }
    try {
      // link templates ({commit}) and raw braces around UUIDs are not strict RFC 3986
      return new URI(text.replace("{", "%7B").replace("}", "%7D")).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    return value.getNodeType().name().toLowerCase() + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }
}
