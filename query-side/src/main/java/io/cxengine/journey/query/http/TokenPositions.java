package io.cxengine.journey.query.http;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Where a processing group stands, read from the token store: across every instance of the engine, not just the
 * segments this instance happens to hold.
 */
@Component
public class TokenPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    TokenPositions(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The tokens of every segment of the group; empty before the group ever started. */
    public List<TrackingToken> tokens(String processingGroup) {
        return jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = :group ORDER BY segment")
                .param("group", processingGroup)
                .query((row, n) -> token(row.getBytes("token"), row.getString("token_type")))
                .list();
    }

    /** Each segment's position, by segment (0 for a segment at the start); empty before the group ever started. */
    public Map<Integer, Long> segments(String processingGroup) {
        Map<Integer, Long> positions = new TreeMap<>();
        jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = :group")
                .param("group", processingGroup)
                .query((row, n) -> {
                    TrackingToken token = token(row.getBytes("token"), row.getString("token_type"));
                    return Map.entry(row.getInt("segment"), token == null ? 0L : token.position().orElse(0));
                })
                .list().forEach(entry -> positions.put(entry.getKey(), entry.getValue()));
        return positions;
    }

    /** A stored token, or null for a segment that has not begun. */
    private TrackingToken token(byte[] token, String type) {
        return token == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /** The position every segment has passed: the slowest segment's (0 for a segment at the start). */
    public long position(String processingGroup) {
        return tokens(processingGroup).stream()
                .mapToLong(token -> token == null ? 0 : token.position().orElse(0))
                .min().orElse(0);
    }

    /** Whether the group is replaying (rebuilding) in any segment. */
    public boolean replaying(String processingGroup) {
        return tokens(processingGroup).stream().anyMatch(token -> token instanceof ReplayToken);
    }

    /** Whether every segment has handled the event at this position (and none still waits for it as a gap). */
    public boolean passed(String processingGroup, long position) {
        List<TrackingToken> tokens = tokens(processingGroup);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> passes(token, position));
    }

    /** Whether a segment at this token has handled the event at this position: past it, and not waiting for it. */
    static boolean passes(TrackingToken token, long position) {
        OptionalLong current = token == null ? OptionalLong.empty() : token.position();
        if (current.isEmpty() || current.getAsLong() < position) {
            return false;
        }
        TrackingToken inner = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        return !(inner instanceof GapAwareTrackingToken gapAware && gapAware.getGaps().contains(position));
    }
}
