package io.docverify.dwollaserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges the parts of the bundled OpenAPI description into one: the documents file
 * ({@link DwollaOpenApiValidator#SPEC_RESOURCE}) plus {@link #PARTS} (the events and webhook operations), whose
 * {@code paths}, {@code components.schemas} and {@code components.headers} are added to the main file's. Kept
 * apart so the operations change in separate files; a name defined twice is an error, never silently replaced.
 */
final class OpenApiParts {
    /** The extra parts, merged in this order. */
    static final List<String> PARTS = List.of("/io/docverify/dwollaserver/dwolla-events-openapi.yml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiParts() {
    }

    /** The main description with every part merged in, as JSON text. */
    static String merged(String main, List<String> parts) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(main);
            for (String part : parts) {
                JsonNode extra = YAML.readTree(part);
                add(root.withObject("/paths"), extra.path("paths"), "path");
                add(root.withObject("/components/schemas"), extra.path("components").path("schemas"), "schema");
                add(root.withObject("/components/headers"), extra.path("components").path("headers"), "header");
            }
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException malformed) {
            throw new IllegalStateException("a bundled OpenAPI part does not parse: " + malformed.getOriginalMessage(),
                    malformed);
        }
    }

    private static void add(ObjectNode into, JsonNode from, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (into.has(entry.getKey())) {
                throw new IllegalStateException("the OpenAPI parts both define the " + what + " " + entry.getKey());
            }
            into.set(entry.getKey(), entry.getValue());
        }
    }
}
