package io.cxengine.journey.launcher;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A failure planted as the schema owner: a trigger that makes writes to a table fail where a condition holds, as a bug
 * in a projection (or a store refusing a customer's events) would. {@link #close()} removes it: the fix. A rebuild's
 * copies of a read-model table get the trigger too, as they get every trigger of the live table.
 */
final class PlantedBug implements AutoCloseable {

    private final JdbcClient owner;
    private final String function;
    private final String trigger;
    private final String table;

    private PlantedBug(JdbcClient owner, String function, String trigger, String table) {
        this.owner = owner;
        this.function = function;
        this.trigger = trigger;
        this.table = table;
    }

    /**
     * Before each {@code write} ({@code INSERT} or {@code UPDATE}) of a row of {@code table} (schema-qualified, or in
     * {@code public}) for which {@code condition} (SQL over {@code NEW} and {@code OLD}) holds, raises {@code message}.
     */
    static PlantedBug plant(JdbcClient owner, String name, String write, String table, String condition,
                            String message) {
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
        owner.sql("CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION %s"
                .formatted(name, write, table, function)).update();
        return new PlantedBug(owner, function, name, table);
    }

    @Override
    public void close() {
        owner.sql("DROP TRIGGER IF EXISTS %s ON %s".formatted(trigger, table)).update();
        owner.sql("DROP FUNCTION IF EXISTS %s".formatted(function)).update();
    }
}
