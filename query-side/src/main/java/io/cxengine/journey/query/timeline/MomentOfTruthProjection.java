package io.cxengine.journey.query.timeline;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.moment.Moment;
import io.cxengine.journey.query.http.ViewChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps {@code read_model.moment_of_truth}: one entry for every moment of truth of every customer. */
@Component
@ProcessingGroup(MomentOfTruthProjection.PROCESSING_GROUP)
class MomentOfTruthProjection implements ReadModel {

    static final String PROCESSING_GROUP = "moment-of-truth";
    /** The live view this projection feeds ({@link ViewChanges}). */
    static final String LIVE_VIEW = "timeline";

    private final TimelineTable table;
    private final QueryUpdateEmitter updates;
    private final Pseudonyms pseudonyms;
    private final ViewChanges changes;

    MomentOfTruthProjection(TimelineTable table, QueryUpdateEmitter updates, Pseudonyms pseudonyms,
                            ViewChanges changes) {
        this.table = table;
        this.updates = updates;
        this.pseudonyms = pseudonyms;
        this.changes = changes;
        changes.on(LIVE_VIEW, this::added);
    }

    /** The customer was forgotten: their moments keep what they were, not what they said. */
    @EventHandler
    void on(CustomerEvent.PersonalDataErased erased) {
        table.erased(erased.customerId().value());
    }

    @EventHandler
    void on(CustomerEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            EventMessage<?> message, ReplayStatus replay) {
        Moment.of(event).ifPresent(moment -> {
            table.add(message.getIdentifier(), event.customerId().value(), sequence, event.occurredAt(), recordedAt,
                    moment);
            // Followers, on whichever node, get the moment once the batch has committed (ViewChanges). A rebuild
            // replays the past into copies of the tables: followers follow the live ones.
            if (!replay.isReplay()) {
                changes.changed(LIVE_VIEW, event.customerId().toString(), message.getIdentifier());
            }
        });
    }

    /** A moment was added to a customer's timeline, on this node or another: this node's followers get it. */
    private void added(String customerId, String eventId) {
        CustomerId customer = CustomerId.of(customerId);
        boolean followed = updates.activeSubscriptions().stream().anyMatch(query ->
                query.getPayload() instanceof FollowTimeline follow && follow.customerId().equals(customer));
        if (followed) {
            MomentOfTruthView added = table.find(eventId);
            updates.emit(FollowTimeline.class, follow -> follow.customerId().equals(customer), added);
        }
    }

    @QueryHandler
    TimelinePage handle(ListMomentsOfTruth query) {
        List<MomentOfTruthView> moments = table.page(query);
        if (moments.size() <= query.limit()) {
            return new TimelinePage(moments, null);
        }
        List<MomentOfTruthView> page = moments.subList(0, query.limit());
        MomentOfTruthView last = page.get(page.size() - 1);
        return new TimelinePage(List.copyOf(page), new PageCursor(last.occurredAt(), String.valueOf(last.sequence())).encode());
    }

    @QueryHandler
    Optional<PseudonymousTimelinePage> handle(ListPseudonymousMoments query) {
        CustomerId customer = pseudonyms.customerOf(query.pseudonym());
        if (!table.holdsMomentsOf(customer.value())) {
            return Optional.empty();
        }
        return Optional.of(PseudonymousTimelinePage.of(query.pseudonym().value(), handle(new ListMomentsOfTruth(
                customer, query.from(), query.to(), query.channel(), query.valence(), query.after(), query.limit()))));
    }

    @QueryHandler
    List<MomentOfTruthView> handle(FollowTimeline query) {
        return table.page(new ListMomentsOfTruth(query.customerId(), null, null, null, null, null, 20));
    }

    @Override
    public List<String> tables() {
        return TimelineTable.TABLES;
    }
}
