package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service standards book as this process knows it: every version of every standard that has a limit of its own,
 * and so the limits in force at any time. A clock is judged by the version in force when it started ({@link #at}),
 * whenever the fact that starts it is recorded.
 * <p>
 * The book's versions are read from the event store and read again once they are older than half of
 * {@code announceAhead}; a version takes effect no sooner than {@code announceAhead} plus {@code factsAhead} (how far
 * in the future a fact's {@code occurredAt} may lie: the API's clock skew) after it is recorded. So every process has
 * read a version before a clock can start under it, and no fact already accepted can have started a clock after a new
 * version takes effect: a fact recorded at {@code now} happened at the latest at {@code now + factsAhead}, and a
 * version this process has not read yet takes effect at the earliest {@code announceAhead / 2 + factsAhead} after now
 * (as long as a version's transaction commits within {@code announceAhead / 2} of being recorded). Until the book is
 * opened (the first start of a new store, {@code OpenServiceStandardsBook}), the limits
 * configured are version 1, as the opening will record them.
 */
public final class StandardsInForce {

    /** Reads the book's versions from the given sequence number on, in order, with who recorded each and when. */
    @FunctionalInterface
    public interface Book {
        List<RecordedVersion> readFrom(long sequence);
    }

    /** A version as the store holds it: the fact, its principal, and when it was recorded. */
    public record RecordedVersion(ServiceStandardChanged version, String principal, Instant recordedAt) {
    }

    private final ServiceStandards configured;
    private final Book book;
    private final Clock clock;
    private final Duration announceAhead;
    private final Duration factsAhead;
    /** Every version read so far, as an immutable list replaced when the book is read again. */
    private volatile List<RecordedVersion> versions = List.of();
    private volatile Instant readAt;

    public StandardsInForce(ServiceStandards configured, Book book, Clock clock, Duration announceAhead,
                            Duration factsAhead) {
        if (announceAhead.isNegative() || announceAhead.isZero() || factsAhead.isNegative()) {
            throw new IllegalArgumentException("A standard's version is announced some time ahead, not "
                    + announceAhead + ", and facts may lie ahead by no less than nothing, not " + factsAhead);
        }
        this.configured = configured;
        this.book = book;
        this.clock = clock;
        this.announceAhead = announceAhead;
        this.factsAhead = factsAhead;
    }

    /** The configured limits as version 1 for ever (a test's book, never read from a store). */
    public static StandardsInForce fixed(ServiceStandards configured) {
        return new StandardsInForce(configured, from -> List.of(), Clock.systemUTC(), Duration.ofDays(1), Duration.ZERO);
    }

    /** A book of the given versions, read once (a test's book). */
    public static StandardsInForce of(ServiceStandards configured, List<ServiceStandardChanged> versions) {
        List<RecordedVersion> recorded = versions.stream()
                .map(version -> new RecordedVersion(version, "test", version.effectiveFrom())).toList();
        return new StandardsInForce(configured, from -> recorded.subList((int) Math.min(from, recorded.size()),
                recorded.size()), Clock.systemUTC(), Duration.ofDays(3650), Duration.ZERO);
    }

    /** The versions that open a book: the configured limits, in force from the beginning. */
    public static List<ServiceStandardChanged> opening(ServiceStandards configured) {
        return Arrays.stream(ServiceStandard.values()).filter(ServiceStandard::hasOwnLimit)
                .map(standard -> new ServiceStandardChanged(standard, 1, configured.of(standard).orElseThrow().toSeconds(),
                        Instant.EPOCH, "as configured when the service standards book was opened"))
                .toList();
    }

    /** The limits, and their versions, in force at {@code time}. */
    public InForce at(Instant time) {
        Map<ServiceStandard, ServiceStandardChanged> latest = new EnumMap<>(ServiceStandard.class);
        for (RecordedVersion recorded : known()) {
            ServiceStandardChanged version = recorded.version();
            if (!version.effectiveFrom().isAfter(time)) {
                latest.merge(version.standard(), version,
                        (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        Map<ServiceStandard, Duration> limits = new EnumMap<>(ServiceStandard.class);
        Map<ServiceStandard, Integer> numbers = new EnumMap<>(ServiceStandard.class);
        for (ServiceStandard standard : ServiceStandard.values()) {
            if (!standard.hasOwnLimit()) {
                continue;
            }
            ServiceStandardChanged version = latest.get(standard);
            limits.put(standard, version == null ? configured.of(standard).orElseThrow()
                    : Duration.ofSeconds(version.withinSeconds()));
            numbers.put(standard, version == null ? 1 : version.version());
        }
        return new InForce(limits, numbers);
    }

    /** Every version recorded, in the order recorded, read afresh. */
    public List<RecordedVersion> versions() {
        synchronized (this) {
            read();
            return versions;
        }
    }

    /** How long before it takes effect a version must be recorded, at least: the announcement and the facts' skew. */
    public Duration announceAhead() {
        return announceAhead.plus(factsAhead);
    }

    /** How long after recording a clock that ran out before it was recorded is checked (configuration, not a standard). */
    public Duration lateRecordingGrace() {
        return configured.lateRecordingGrace();
    }

    /** The limits configured, which open the book. */
    public ServiceStandards configured() {
        return configured;
    }

    private List<RecordedVersion> known() {
        if (stale()) {
            synchronized (this) {
                // The threads that found it stale together read the book once: the first, not each in turn.
                if (stale()) {
                    read();
                }
            }
        }
        return versions;
    }

    private boolean stale() {
        Instant read = readAt;
        return read == null || Duration.between(read, clock.instant()).compareTo(announceAhead.dividedBy(2)) > 0;
    }

    /** Reads the versions recorded since the last read (under this object's lock). */
    private void read() {
        Instant reading = clock.instant();
        List<RecordedVersion> added = book.readFrom(versions.size());
        if (!added.isEmpty()) {
            List<RecordedVersion> all = new ArrayList<>(versions);
            all.addAll(added);
            versions = List.copyOf(all);
        }
        readAt = reading;
    }

    /**
     * The limits in force at one time, and the version of the book each is.
     */
    public record InForce(Map<ServiceStandard, Duration> limits, Map<ServiceStandard, Integer> versions) {

        /** How long the standard's clock runs; empty for a standard whose due time the fact itself names. */
        public Optional<Duration> of(ServiceStandard standard) {
            return Optional.ofNullable(limits.get(standard));
        }

        public Duration complaintAcknowledgement() {
            return limits.get(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT);
        }

        public Duration phoneAnswer() {
            return limits.get(ServiceStandard.PHONE_ANSWER);
        }

        public Duration orderFulfilment() {
            return limits.get(ServiceStandard.ORDER_FULFILMENT);
        }

        /** The versions of the given standards (those with a limit of their own), as a fact names them; null if none. */
        public Map<ServiceStandard, Integer> versionsOf(ServiceStandard... standards) {
            Map<ServiceStandard, Integer> named = new EnumMap<>(ServiceStandard.class);
            for (ServiceStandard standard : standards) {
                if (standard != null && versions.containsKey(standard)) {
                    named.put(standard, versions.get(standard));
                }
            }
            return named.isEmpty() ? null : Map.copyOf(named);
        }
    }

    /** The book's versions of one standard, oldest first. */
    public List<RecordedVersion> versionsOf(ServiceStandard standard) {
        return versions().stream().filter(recorded -> recorded.version().standard() == standard)
                .sorted(Comparator.comparingInt(recorded -> recorded.version().version())).toList();
    }
}
