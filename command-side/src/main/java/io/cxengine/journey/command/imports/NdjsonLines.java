package io.cxengine.journey.command.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream as lines, one at a time, holding at most one line of at most {@code maxLine} bytes in memory: a
 * longer line is read to its end and handed on marked too long, without its bytes. A line ends at {@code \n} (a
 * {@code \r} before it is dropped); the last line needs no {@code \n}.
 */
final class NdjsonLines {

    /** One line: its bytes (empty if too long) and whether it was longer than the limit. */
    record Line(byte[] bytes, boolean tooLong) {

        boolean blank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return !tooLong;
        }
    }

    private final InputStream in;
    private final int maxLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    NdjsonLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        line.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? done(tooLong) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.write(buffer, start, position - start);
                if (line.size() > maxLine + 1) {
                    tooLong = true;
                    line.reset();
                }
            }
            if (position < limit) {
                position++; // the \n
                return done(tooLong);
            }
        }
    }

    private Line done(boolean tooLong) {
        if (tooLong) {
            return new Line(new byte[0], true);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length > maxLine) {
            return new Line(new byte[0], true);
        }
        return new Line(length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length), false);
    }
}
