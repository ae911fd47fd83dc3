package io.cxengine.journey.launcher;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Failures planted as the schema owner: triggers that make writes to a table fail where a condition holds, as a bug in
 * a projection (or a store refusing a customer's events) would. {@link #removeAll()} is the fix; whatever a test left
 * planted is removed after it. A rebuild's copies of a read-model table get the trigger too, as they get every trigger
 * of the live table. Registered with {@code @RegisterExtension}.
 */
final class PlantedBugs implements AfterEachCallback {

    private final List<Bug> planted = new ArrayList<>();

    /** One planted trigger and its function. */
    private record Bug(JdbcClient owner, String function, String trigger, String table) {
    }

    /**
     * Before each {@code write} ({@code INSERT} or {@code UPDATE}) of a row of {@code table} (schema-qualified, or in
     * {@code public}) for which {@code condition} (SQL over {@code NEW} and {@code OLD}) holds, raises {@code message}.
     */
    void plant(JdbcClient owner, String name, String write, String table, String condition, String message) {
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : "public";
        String function = schema + "." + name + "()";
        owner.sql("""
                CREATE FUNCTION %s RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF %s THEN
                        RAISE EXCEPTION '%s';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(function, condition, message.replace("'", "''"))).update();
        planted.add(new Bug(owner, function, name, table));
        owner.sql("CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION %s"
                .formatted(name, write, table, function)).update();
    }

    /** The fix: every planted trigger and its function removed. */
    void removeAll() {
        for (Bug bug : planted) {
            bug.owner().sql("DROP TRIGGER IF EXISTS %s ON %s".formatted(bug.trigger(), bug.table())).update();
            bug.owner().sql("DROP FUNCTION IF EXISTS %s".formatted(bug.function())).update();
        }
        planted.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        removeAll();
    }
}
