package org.stacklab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generated scenario schema, applied by a real validator (networknt's json-schema-validator,
 * draft 2020-12) to YAML text read by Jackson, so tests can check it agrees with the loader.
 *
 * <p>Agreement means: a scenario the loader accepts, the schema accepts (the schema is never
 * stricter); a scenario the loader rejects for a mistake of shape (an unknown key or step kind),
 * the schema rejects too. The loader alone catches the rest: YAML syntax and duplicate keys,
 * names that refer to hosts, processes and sockets, addresses, times, sizes and ranges, and the
 * rules between keys ('drops' stands alone, 'args' goes with 'app', a link's two ends).
 */
final class SchemaCheck {
    /** Loader messages of the kinds the schema must catch as well. */
    static final Pattern SHAPE = Pattern.compile("unknown key '|unknown step '");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ScenarioSchema.json());

    private SchemaCheck() {}

    /** The schema's complaints about {@code yaml}; null when Jackson cannot read it as YAML at all. */
    static Set<ValidationMessage> problems(String yaml) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (Exception e) {
            return null;
        }
        return SCHEMA.validate(doc == null ? YAML.createObjectNode().nullNode() : doc);
    }

    /** Fails unless the schema accepts {@code yaml}, which the loader accepted. */
    static void assertAccepts(String yaml) {
        Set<ValidationMessage> p = problems(yaml);
        if (p != null && !p.isEmpty()) {
            throw new AssertionError("the loader accepts this scenario but the schema rejects it: " + p + "\n" + yaml);
        }
    }

    /** Fails when the loader's {@code errors} include a mistake of shape and the schema accepts {@code yaml}. */
    static void assertAgreesOnRejection(String yaml, List<String> errors) {
        if (errors.stream().noneMatch(e -> SHAPE.matcher(e).find())) {
            return;
        }
        Set<ValidationMessage> p = problems(yaml);
        if (p != null && p.isEmpty()) {
            throw new AssertionError("the loader rejects this scenario (" + errors + ") but the schema accepts it:\n" + yaml);
        }
    }
}
