package io.cxengine.journey.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What one event changed in the state: every field whose value differs, by its path. */
final class StateDiff {

    private StateDiff() {
    }

    /** One changed field: its JSON path, its value before and after. */
    record Change(String path, JsonNode before, JsonNode after) {
    }

    static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        JsonNode was = before == null ? NullNode.getInstance() : before;
        JsonNode is = after == null ? NullNode.getInstance() : after;
        if (was.isObject() && is.isObject()) {
            TreeSet<String> fields = new TreeSet<>();
            was.fieldNames().forEachRemaining(fields::add);
            is.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path + "/" + field, was.get(field), is.get(field), changes);
            }
        } else if (!was.equals(is)) {
            changes.add(new Change(path.isEmpty() ? "/" : path, was, is));
        }
    }
}
