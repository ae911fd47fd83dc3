package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generator of hostile requests, driven by the engine's own OpenAPI document: it walks every operation, builds a
 * request its schema calls valid (path ids of real customers, complaints and follow-ups, a body from the schema's
 * types, enums and examples), then spoils it in one way: a wrong type, a null, a missing field, NUL characters and
 * lone surrogates (raw and escaped), numbers no type can hold, impossible times, deep nesting, unknown fields, huge
 * strings, bad ids and cursors, wrong content types, empty bodies, bad {@code If-Match} and {@code Idempotency-Key}
 * values. Request {@code n} of a run depends only on the seed and {@code n}, so a failure can be replayed alone.
 */
final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** Markers replaced in the serialized body by text (or bytes) no JSON library would write. */
    private static final String RAW = "@@RAW:";
    private static final String END = ":@@";

    /** One operation of the document. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode body, String bodyType,
                     List<String> scopes, List<String> produces) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** What a request is about, so that the hostile value fits its place. */
    record Targets(List<String> customers, Map<String, List<String>> complaints, Map<String, List<String>> followUps,
                   List<String> projections) {
    }

    /** One request, exactly as it is sent. */
    record Request(int number, String mutation, Operation operation, String method, String uri,
                   Map<String, String> headers, byte[] body) {

        /** The request as a person replaying it reads it: non-printable characters escaped, long parts cut. */
        String describe() {
            StringBuilder text = new StringBuilder();
            text.append("#").append(number).append(" [").append(mutation).append("] ").append(method).append(' ')
                    .append(cut(uri, 300)).append('\n');
            headers.forEach((name, value) -> text.append("  ").append(name).append(": ")
                    .append(name.equalsIgnoreCase("Authorization") ? "Bearer …" : cut(printable(value), 200))
                    .append('\n'));
            if (body != null) {
                text.append("  body (").append(body.length).append(" bytes): ")
                        .append(cut(printable(new String(body, StandardCharsets.UTF_8)), 400)).append('\n');
            }
            return text.toString();
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    HostileRequests(JsonNode document) {
        this.document = document;
        this.operations = operations(document);
    }

    List<Operation> operations() {
        return operations;
    }

    /**
     * Operations a hostile caller is let loose on: every one, except those whose valid use is an operator's reset of
     * a whole projection (a rebuild, a retry of parked events) and the live streams, which never end by design.
     */
    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String method = entry.getKey().toUpperCase();
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                return;
            }
            JsonNode operation = entry.getValue();
            if (path.getKey().startsWith("/admin/projections/") && method.equals("POST")) {
                return;
            }
            List<Parameter> parameters = new ArrayList<>();
            for (JsonNode parameter : operation.path("parameters")) {
                parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                        parameter.path("required").asBoolean(), parameter.path("schema")));
            }
            JsonNode content = operation.path("requestBody").path("content");
            String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            JsonNode body = bodyType == null ? null : content.path(bodyType).path("schema");
            List<String> scopes = new ArrayList<>();
            operation.path("x-scopes").forEach(scope -> scopes.add(scope.asText()));
            List<String> produces = new ArrayList<>();
            operation.path("responses").forEach(response -> response.path("content").fieldNames()
                    .forEachRemaining(type -> {
                        if (!produces.contains(type)) {
                            produces.add(type);
                        }
                    }));
            operations.add(new Operation(method, path.getKey(), parameters, body, bodyType, scopes, produces));
        }));
        return operations;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Valid requests

    /** A valid body for this operation, from its schema. */
    ObjectNode validBody(Operation operation, Random random) {
        JsonNode value = valid(operation.body(), "body", random, 0);
        return value instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema != null && schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            for (JsonNode part : schema.get("allOf")) {
                JsonNode resolved = resolve(part);
                if (resolved.has("properties")) {
                    properties.setAll((ObjectNode) resolved.get("properties"));
                }
                if (resolved.has("type")) {
                    merged.put("type", resolved.get("type").asText());
                }
            }
            return merged;
        }
        if (schema != null && (schema.has("oneOf") || schema.has("anyOf"))) {
            return resolve((schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")).get(0));
        }
        return schema;
    }

    private JsonNode valid(JsonNode schema, String name, Random random, int depth) {
        schema = resolve(schema);
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("x");
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 6) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(field -> required.add(field.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), valid(property.getValue(), property.getKey(), random, depth + 1));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth <= 6) {
                    array.add(valid(schema.path("items"), name, random, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                if (schema.has("example")) {
                    return schema.get("example");
                }
                long minimum = schema.path("minimum").asLong(1);
                long maximum = schema.path("maximum").asLong(minimum + 4);
                return NODES.numberNode(minimum + random.nextInt((int) Math.max(1, Math.min(5, maximum - minimum + 1))));
            }
            case "number" -> {
                return schema.has("example") ? schema.get("example") : NODES.numberNode(1.5);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return switch (format) {
                    case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                    case "date-time" -> NODES.textNode((name.toLowerCase().contains("due")
                            || name.toLowerCase().contains("promised") || name.toLowerCase().contains("until")
                            ? Instant.now().plus(1, ChronoUnit.DAYS)
                            : Instant.now().minus(1, ChronoUnit.HOURS)).truncatedTo(ChronoUnit.SECONDS).toString());
                    case "date" -> NODES.textNode(LocalDate.now().minusDays(1).toString());
                    default -> schema.has("example") ? NODES.textNode(schema.get("example").asText())
                            : NODES.textNode("hostile " + name);
                };
            }
        }
    }

    /** The operation's path with every variable filled by a real target (the customer first). */
    String validPath(Operation operation, Targets targets, Random random) {
        String customer = targets.customers().get(random.nextInt(targets.customers().size()));
        Matcher variables = PATH_VARIABLE.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(path, Matcher.quoteReplacement(validPathValue(variables.group(1), customer,
                    targets, random)));
        }
        variables.appendTail(path);
        return path.toString();
    }

    private static String validPathValue(String variable, String customer, Targets targets, Random random) {
        return switch (variable) {
            case "customerId" -> customer;
            case "complaintId" -> pick(targets.complaints().get(customer), random);
            case "followUpId" -> pick(targets.followUps().get(customer), random);
            case "name" -> pick(targets.projections(), random);
            default -> UUID.randomUUID().toString();
        };
    }

    private static String pick(List<String> values, Random random) {
        return values == null || values.isEmpty() ? UUID.randomUUID().toString() : values.get(random.nextInt(values.size()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hostile requests

    /** Request {@code number} of the run with this seed. */
    Request hostile(long seed, int number, String runId, Targets targets, String authorization) {
        Random random = new Random(seed * 1_000_003L + number);
        Operation operation = operations.get(random.nextInt(operations.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("X-Correlation-Id", runId + "-" + number);
        headers.put("Accept", "application/json");
        String path = validPath(operation, targets, random);
        Map<String, String> query = new LinkedHashMap<>();
        boolean write = !operation.method().equals("GET");
        if (write && random.nextInt(5) > 0) {
            headers.put("Idempotency-Key", runId + "-" + number);
        }
        ObjectNode body = operation.body() == null ? null : validBody(operation, random);
        String contentType = operation.bodyType() == null ? (write ? "application/json" : null) : operation.bodyType();
        byte[] bytes = body == null ? (write ? new byte[0] : null) : serialize(body);

        List<String> kinds = new ArrayList<>(List.of("path-id", "query", "header", "method", "valid"));
        if (write) {
            kinds.addAll(List.of("content-type", "empty-body", "whole-body"));
        }
        if (body != null && body.size() > 0) {
            for (int i = 0; i < 8; i++) {
                kinds.add("field");
            }
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        String mutation = kind;
        String method = operation.method();
        switch (kind) {
            case "path-id" -> {
                Matcher variables = PATH_VARIABLE.matcher(operation.path());
                List<String> names = new ArrayList<>();
                while (variables.find()) {
                    names.add(variables.group(1));
                }
                if (names.isEmpty()) {
                    query.put("unknown", hostileText(random));
                    mutation = "path-id: none, unknown query parameter";
                    break;
                }
                String spoiled = names.get(random.nextInt(names.size()));
                String value = badId(random);
                mutation = "path-id " + spoiled + "=" + printable(value);
                path = pathWith(operation, targets, random, spoiled, value);
            }
            case "query" -> {
                List<Parameter> queryParameters = operation.parameters().stream()
                        .filter(parameter -> parameter.in().equals("query")).toList();
                if (queryParameters.isEmpty() || random.nextInt(4) == 0) {
                    String name = random.nextBoolean() ? "cursor" : "unknown" + random.nextInt(3);
                    String value = badQueryValue(random);
                    query.put(name, value);
                    mutation = "query " + name + "=" + printable(value);
                } else {
                    Parameter parameter = queryParameters.get(random.nextInt(queryParameters.size()));
                    String value = parameter.name().toLowerCase().contains("cursor") || random.nextInt(3) == 0
                            ? badCursor(random) : badQueryValue(random);
                    query.put(parameter.name(), value);
                    if (random.nextInt(6) == 0) {
                        query.put(parameter.name() + "&" + parameter.name(), badQueryValue(random));
                    }
                    mutation = "query " + parameter.name() + "=" + printable(value);
                }
            }
            case "header" -> {
                String[] header = badHeader(random, runId + "-" + number);
                headers.put(header[0], header[1]);
                mutation = "header " + header[0] + ": " + printable(header[1]);
            }
            case "method" -> {
                List<String> others = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
                others.remove(operation.method());
                method = others.get(random.nextInt(others.size()));
                mutation = "method " + method;
                if (!method.equals("GET") && bytes == null) {
                    bytes = serialize(NODES.objectNode());
                    contentType = "application/json";
                }
            }
            case "content-type" -> {
                String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data", "application/json; charset=ISO-8859-1", "application/json;charset=nonsense",
                        "application/problem+json", "*/*", "application/octet-stream", "", "application/",
                        "application/json; boundary=\"", "text/json", "application/merge-patch+json"};
                contentType = types[random.nextInt(types.length)];
                mutation = "content-type " + contentType;
                if (contentType.contains("ISO-8859-1") && bytes != null) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("hostile", "h\u00f6stile")
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                if (contentType.isEmpty()) {
                    contentType = null;
                }
            }
            case "empty-body" -> {
                String[] bodies = {"", " ", "\n", "null", "{}", "[]", "\"\"", "0", "true"};
                String chosen = bodies[random.nextInt(bodies.length)];
                bytes = chosen.getBytes(StandardCharsets.UTF_8);
                mutation = "body " + printable(chosen);
            }
            case "whole-body" -> {
                int which = random.nextInt(9);
                String text = bytes == null || bytes.length == 0 ? "{}" : new String(bytes, StandardCharsets.UTF_8);
                bytes = switch (which) {
                    case 0 -> ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
                    case 1 -> ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
                    case 2 -> text.substring(0, Math.min(text.length(), Math.max(1, text.length() / 2)))
                            .getBytes(StandardCharsets.UTF_8);
                    case 3 -> (text + " trailing").getBytes(StandardCharsets.UTF_8);
                    case 4 -> concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
                    case 5 -> new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
                    case 6 -> text.replaceFirst("\\{", "{\"customerId\": \"" + UUID.randomUUID() + "\", ")
                            .getBytes(StandardCharsets.UTF_8);
                    case 7 -> ("[" + text + "," + text + "]").getBytes(StandardCharsets.UTF_8);
                    default -> ("{\"x\": \"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                };
                mutation = "whole body #" + which;
            }
            case "field" -> {
                List<Object[]> fields = new ArrayList<>();
                collectFields(body, fields);
                Object[] field = fields.get(random.nextInt(fields.size()));
                ObjectNode parent = (ObjectNode) field[0];
                String name = (String) field[1];
                String[] applied = spoilField(parent, name, random);
                mutation = "field " + name + ": " + applied[0];
                bytes = withRaw(serialize(body));
            }
            default -> mutation = "valid";
        }
        if (contentType != null && bytes != null) {
            headers.put("Content-Type", contentType);
        }
        StringBuilder uri = new StringBuilder(path);
        if (!query.isEmpty()) {
            uri.append('?');
            query.forEach((name, value) -> uri.append(uri.charAt(uri.length() - 1) == '?' ? "" : "&")
                    .append(name.contains("&") ? name : encode(name)).append('=').append(encode(value)));
        }
        return new Request(number, mutation, operation, method, uri.toString(), headers, bytes);
    }

    private String pathWith(Operation operation, Targets targets, Random random, String spoiled, String value) {
        String customer = targets.customers().get(random.nextInt(targets.customers().size()));
        Matcher variables = PATH_VARIABLE.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String variable = variables.group(1);
            String replacement = variable.equals(spoiled) ? encodePath(value)
                    : validPathValue(variable, customer, targets, random);
            variables.appendReplacement(path, Matcher.quoteReplacement(replacement));
        }
        variables.appendTail(path);
        return path.toString();
    }

    private static void collectFields(ObjectNode object, List<Object[]> fields) {
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        List<Map.Entry<String, JsonNode>> copy = new ArrayList<>();
        entries.forEachRemaining(copy::add);
        for (Map.Entry<String, JsonNode> entry : copy) {
            fields.add(new Object[]{object, entry.getKey()});
            if (entry.getValue() instanceof ObjectNode nested) {
                collectFields(nested, fields);
            }
        }
    }

    /** Spoils one field in place; answers what was done. */
    private static String[] spoilField(ObjectNode parent, String name, Random random) {
        JsonNode original = parent.get(name);
        String text = original.isTextual() ? original.asText() : "x";
        int which = random.nextInt(22);
        String what;
        switch (which) {
            case 0 -> {
                parent.putNull(name);
                what = "null";
            }
            case 1 -> {
                parent.remove(name);
                what = "missing";
            }
            case 2 -> {
                JsonNode[] wrong = {NODES.numberNode(42), NODES.textNode("forty-two"), NODES.booleanNode(false),
                        NODES.objectNode().put("a", 1), NODES.arrayNode().add("a"), NODES.numberNode(1.5)};
                JsonNode chosen = wrong[random.nextInt(wrong.length)];
                parent.set(name, chosen);
                what = "wrong type " + chosen;
            }
            case 3 -> {
                parent.put(name, text + "\u0000" + "after");
                what = "escaped NUL";
            }
            case 4 -> {
                parent.put(name, RAW + "rawnul" + END + text);
                what = "raw NUL";
            }
            case 5 -> {
                parent.put(name, RAW + "escsurrogate" + END + text);
                what = "escaped lone surrogate";
            }
            case 6 -> {
                parent.put(name, RAW + "rawsurrogate" + END + text);
                what = "raw lone surrogate";
            }
            case 7 -> {
                String[] numbers = {"1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "-0", "1e-400",
                        "18446744073709551616", "0.1e99999", "123456789012345678901234567890.5", "-0.0", "1E+308"};
                String number = numbers[random.nextInt(numbers.length)];
                parent.put(name, RAW + "number " + number + END);
                what = "number " + number;
            }
            case 8 -> {
                String[] times = {"2024-13-45T00:00:00Z", "2024-01-01T00:00:00", "+99999-01-01T00:00:00Z",
                        "2024-02-30T10:00:00Z", "2024-01-01T24:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                        "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-01-01", "10:00", "yesterday",
                        "2024-01-01T00:00:00+25:00", "2024-01-01T00:00:00.1234567890123Z", "1e400", ""};
                String time = times[random.nextInt(times.length)];
                parent.put(name, time);
                what = "time " + time;
            }
            case 9 -> {
                parent.put(name, RAW + "deep" + END);
                what = "10,000 nested arrays";
            }
            case 10 -> {
                parent.put("unknown" + random.nextInt(100), "surprise");
                what = "unknown field beside";
            }
            case 11 -> {
                parent.put(name, "a".repeat(random.nextBoolean() ? 30_000 : 70_000));
                what = "huge string";
            }
            case 12 -> {
                parent.put(name, badId(random));
                what = "bad id " + printable(parent.get(name).asText());
            }
            case 13 -> {
                parent.put(name, "");
                what = "empty string";
            }
            case 14 -> {
                parent.put(name, "   ");
                what = "blank string";
            }
            case 15 -> {
                ArrayNode many = parent.putArray(name);
                for (int i = 0; i < 5_000; i++) {
                    many.add(text);
                }
                what = "array of 5,000";
            }
            case 16 -> {
                parent.put(name, text.toLowerCase().equals(text) ? text.toUpperCase() : text.toLowerCase());
                what = "case changed";
            }
            case 17 -> {
                parent.put(name, "\u202e\ud83d\ude00\u0301 <script>alert(1)</script> ' OR 1=1 -- \\ %s %n");
                what = "unicode and injection text";
            }
            case 18 -> {
                parent.put(name, RAW + "duplicate" + END + text);
                what = "duplicate key";
            }
            case 19 -> {
                String[] money = {"-10.00", "0", "1e400", "10.001", "NaN", "Infinity", "10,00", "99999999999999999999.99"};
                String amount = money[random.nextInt(money.length)];
                parent.put(name, amount);
                what = "amount text " + amount;
            }
            case 20 -> {
                parent.put(name, "\t\r\n\u0007\u001b[31m");
                what = "control characters";
            }
            default -> {
                parent.put(name, "\udfff" + text);
                what = "lone low surrogate (as the serializer writes it)";
            }
        }
        return new String[]{what};
    }

    /** Replaces the markers of {@link #spoilField} by what no serializer would write. */
    private static byte[] withRaw(byte[] serialized) {
        String text = new String(serialized, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int marker = text.indexOf(RAW, at);
            if (marker < 0) {
                out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
                return out.toByteArray();
            }
            int end = text.indexOf(END, marker);
            String what = text.substring(marker + RAW.length(), end);
            boolean wholeValue = what.startsWith("number ") || what.equals("deep");
            int from = wholeValue ? marker - 1 : marker;
            int to = wholeValue ? end + END.length() + 1 : end + END.length();
            out.writeBytes(text.substring(at, from).getBytes(StandardCharsets.UTF_8));
            switch (what) {
                case "rawnul" -> out.write(0);
                case "escsurrogate" -> out.writeBytes("\\ud800".getBytes(StandardCharsets.UTF_8));
                case "rawsurrogate" -> out.writeBytes(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                case "deep" -> out.writeBytes(("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
                case "duplicate" -> {
                    // The value begins here; close it and open the same key again before the real value.
                    int keyEnd = text.lastIndexOf("\":", marker);
                    int keyStart = text.lastIndexOf('"', keyEnd - 1);
                    String key = text.substring(keyStart, keyEnd + 2);
                    out.writeBytes(("first\"," + key + "\"").getBytes(StandardCharsets.UTF_8));
                }
                default -> out.writeBytes(what.substring("number ".length()).getBytes(StandardCharsets.UTF_8));
            }
            at = to;
        }
    }

    /**
     * Ids no customer, complaint or follow-up has, including the ones the servlet container and Spring Security's
     * firewall refuse before the engine sees them: "..", ".", an encoded slash, backslash, semicolon or NUL (bad
     * escapes, which no URI can carry, are ErrorContractIT's, over a raw socket).
     */
    private static String badId(Random random) {
        String[] ids = {"not-a-uuid", "123", "' OR 1=1--", "00000000-0000-0000-0000-000000000000",
                UUID.randomUUID().toString(), UUID.randomUUID().toString().toUpperCase(),
                "{" + UUID.randomUUID() + "}", UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID() + "x", "a".repeat(3_000), "-1", "9223372036854775808", "null", "undefined",
                "\u00e9t\u00e9", "\ud83d\ude00", "g0000000-0000-0000-0000-000000000000", " " + UUID.randomUUID(),
                "..", ".", "a/b", UUID.randomUUID() + "/..", "a\\b", ";jsessionid=1", "\u0000", "x\u0000y"};
        return ids[random.nextInt(ids.length)];
    }

    private static String badQueryValue(Random random) {
        String[] values = {"-1", "0", "1e400", "abc", "9223372036854775808", "-9223372036854775809", "", "  ",
                "2024-13-45T00:00:00Z", "2024-01-01T00:00:00", "+99999-01-01T00:00:00Z", "true", "NaN", "1.5",
                "a".repeat(5_000), "\u0000", "\ud800", "%", "[]", "{}", "null", "99999999", "-0", "0x10"};
        return values[random.nextInt(values.length)];
    }

    private static String badCursor(Random random) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String[] cursors = {"!!!", "abc", base64.encodeToString("{\"position\":-1}".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("garbage".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(new byte[]{(byte) 0xFF, 0, 1, 2, (byte) 0xFE}), "a".repeat(6_000),
                base64.encodeToString("1e400".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("9223372036854775807:".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("-1|-1".getBytes(StandardCharsets.UTF_8)), "====", "\ud800", ""};
        return cursors[random.nextInt(cursors.length)];
    }

    private static String[] badHeader(Random random, String key) {
        String[][] headers = {
                {"If-Match", "garbage"}, {"If-Match", "\"abc\""}, {"If-Match", "W/\"1\""}, {"If-Match", "*"},
                {"If-Match", "\"-1\""}, {"If-Match", "\"99999999999999999999\""}, {"If-Match", "1"},
                {"If-Match", ""}, {"If-Match", "\"1\", \"2\""}, {"If-Match", "\"1e400\""}, {"If-Match", "\"0\""},
                {"If-Match", "\"9223372036854775807\""},
                {"Idempotency-Key", ""}, {"Idempotency-Key", "k".repeat(256)}, {"Idempotency-Key", "k".repeat(4_000)},
                {"Idempotency-Key", " " + key}, {"Idempotency-Key", key + "\t"}, {"Idempotency-Key", "caf\u00e9-" + key},
                {"Accept", "application/xml"}, {"Accept", "text/html"}, {"Accept", "garbage/"},
                {"Accept", "*/*;q=0"}, {"Accept", "application/json;q=0"},
                {"Accept-Language", "xx-\u00e9"}, {"If-None-Match", "\"1\""}, {"Content-Encoding", "gzip"},
                {"X-Correlation-Id", key + "-" + "c".repeat(300)}, {"Last-Event-ID", "-1"}};
        return headers[random.nextInt(headers.length)];
    }

    private static String hostileText(Random random) {
        return badQueryValue(random);
    }

    private static byte[] serialize(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encoded for a path segment: a slash, a NUL or a semicolon arrives encoded, ".." and "." as they are. */
    private static String encodePath(String value) {
        return encode(value);
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0) || c == '\u202e') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…(" + text.length() + " chars)";
    }
}
