package io.cxengine.journey.query.moment;

import io.cxengine.journey.customer.Channel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How the views read a customer's channels: the one they declare, and the one they use most. */
public final class Channels {

    private Channels() {
    }

    /**
     * The channel an attribute declares as preferred: an attribute named "preferred channel" (any spelling) whose
     * value names a channel ("e-mail", "Email", "face to face"…). Special-category attributes declare nothing.
     */
    public static Optional<Channel> declared(String attributeName, String value, boolean specialCategory) {
        if (specialCategory || !letters(attributeName).equals("PREFERREDCHANNEL")) {
            return Optional.empty();
        }
        String named = letters(value);
        return Arrays.stream(Channel.values()).filter(channel -> letters(channel.name()).equals(named)).findFirst();
    }

    /** The channel with the most inbound contacts; ties go to the name first in the alphabet. */
    public static String mostUsed(Map<String, Integer> inboundContacts) {
        return inboundContacts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static String letters(String text) {
        return text == null ? "" : text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }
}
