package io.cxengine.journey.query.moment;

import io.cxengine.journey.customer.Channel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelsTest {

    @Test
    @DisplayName("a preferred channel is declared under any spelling of the attribute and the channel")
    void declared() {
        assertThat(Channels.declared("Preferred channel", "e-mail", false)).contains(Channel.EMAIL);
        assertThat(Channels.declared("preferred_channel", "Face to face", false)).contains(Channel.FACE_TO_FACE);
    }

    @Test
    @DisplayName("no channel is declared by another attribute, an unknown channel or a special category")
    void notDeclared() {
        assertThat(Channels.declared("favourite colour", "email", false)).isEmpty();
        assertThat(Channels.declared("preferred channel", "carrier pigeon", false)).isEmpty();
        assertThat(Channels.declared("preferred channel", "email", true)).isEmpty();
        assertThat(Channels.declared(null, null, false)).isEmpty();
    }

    @Test
    @DisplayName("the most used channel has the most inbound contacts; a tie goes to the first in the alphabet")
    void mostUsed() {
        assertThat(Channels.mostUsed(Map.of("PHONE", 3, "EMAIL", 2))).isEqualTo("PHONE");
        assertThat(Channels.mostUsed(Map.of("PHONE", 2, "EMAIL", 2, "CHAT", 1))).isEqualTo("EMAIL");
        assertThat(Channels.mostUsed(Map.of())).isNull();
    }
}
