package io.cxengine.journey.platform.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/**
 * The database role the engine's connections run as, checked once the migrations have run: it must hold
 * {@code journey_app}'s grants on the event store, and it should hold no more.
 *
 * @param user       the connections' {@code current_user}
 * @param superuser  whether that role is a superuser
 * @param appends    whether it may read and append events
 * @param rewrites   whether it may also change, remove or truncate stored events
 */
public record RuntimeRole(String user, boolean superuser, boolean appends, boolean rewrites) {

    private static final Logger log = LoggerFactory.getLogger(RuntimeRole.class);

    /** Reads the runtime role; refuses to start when it cannot work the event store. */
    public static RuntimeRole check(DataSource dataSource) {
        RuntimeRole role = JdbcClient.create(dataSource).sql("""
                        SELECT current_user,
                               r.rolsuper,
                               CASE WHEN to_regclass('public.domain_event_entry') IS NOT NULL THEN
                                   has_table_privilege('public.domain_event_entry', 'SELECT')
                                   AND has_table_privilege('public.domain_event_entry', 'INSERT') END,
                               CASE WHEN to_regclass('public.domain_event_entry') IS NOT NULL THEN
                                   has_table_privilege('public.domain_event_entry', 'UPDATE, DELETE, TRUNCATE') END
                          FROM pg_roles r WHERE r.rolname = current_user""")
                .query((row, n) -> new RuntimeRole(row.getString(1), row.getBoolean(2),
                        row.getBoolean(3), row.getBoolean(4)))
                .single();
        if (!role.appends()) {
            throw new IllegalStateException("""
                    The engine connects as database role %1$s, which cannot read and append the event store \
                    (public.domain_event_entry): either the schema has not been migrated (run the engine once with \
                    journey.migrations.enabled=true and the owner's login in journey.migrations.username/password), \
                    or %1$s lacks the grants of journey_app. As the owner: GRANT journey_app TO %1$s; \
                    see docs/operations.md#roles.""".formatted(role.user()));
        }
        if (role.superuser() || role.rewrites()) {
            log.warn("""
                    The engine connects as database role {}, which may change or remove stored events{}: the event \
                    store is append-only only as long as the engine's code keeps it so. Connect as a login granted \
                    only journey_app (docs/operations.md#roles).""", role.user(), role.superuser() ? " (a superuser)" : "");
        } else {
            log.info("The engine connects as database role {} (journey_app's grants: events are append-only)", role.user());
        }
        return role;
    }
}
