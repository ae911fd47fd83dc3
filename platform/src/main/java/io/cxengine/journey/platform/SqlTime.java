package io.cxengine.journey.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from PostgreSQL's {@code timestamptz} through JDBC, which takes and gives {@link OffsetDateTime}s. */
public final class SqlTime {

    private SqlTime() {
    }

    /** The instant as a parameter for a {@code timestamptz}, in UTC; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} read back as an instant; null stays null. */
    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
