package io.cxengine.journey.command.imports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void linesEndAtNewlinesWithOrWithoutCarriageReturnAndTheLastNeedsNone() throws IOException {
        assertThat(read("a\r\nbb\n\n  \nccc", 10)).containsExactly("a", "bb", "", "  ", "ccc");
        assertThat(read("a\n", 10)).containsExactly("a");
        assertThat(read("", 10)).isEmpty();
    }

    @Test
    void aLineLongerThanTheLimitIsMarkedAndTheNextLineReadWhole() throws IOException {
        NdjsonLines lines = new NdjsonLines(stream("12345\n123456\n1234567890123\nok"), 5);
        assertThat(lines.next().bytes()).asString(StandardCharsets.UTF_8).isEqualTo("12345");
        NdjsonLines.Line tooLong = lines.next();
        assertThat(tooLong.tooLong()).isTrue();
        assertThat(tooLong.blank()).isFalse();
        assertThat(lines.next().tooLong()).isTrue();
        assertThat(new String(lines.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(lines.next()).isNull();
    }

    @Test
    void linesAcrossReadsOfOneByteEach() throws IOException {
        InputStream trickle = new InputStream() {
            private final byte[] text = "first\nsecond\r\n".getBytes(StandardCharsets.UTF_8);
            private int position;

            @Override
            public int read() {
                return position < text.length ? text[position++] : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int next = read();
                if (next < 0) {
                    return -1;
                }
                buffer[offset] = (byte) next;
                return 1;
            }
        };
        NdjsonLines lines = new NdjsonLines(trickle, 100);
        assertThat(new String(lines.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(new String(lines.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(lines.next()).isNull();
    }

    private static List<String> read(String text, int maxLine) throws IOException {
        NdjsonLines lines = new NdjsonLines(stream(text), maxLine);
        List<String> read = new ArrayList<>();
        for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
            read.add(new String(line.bytes(), StandardCharsets.UTF_8));
        }
        return read;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
