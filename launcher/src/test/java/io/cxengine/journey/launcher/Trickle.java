package io.cxengine.journey.launcher;

import java.io.IOException;
import java.io.InputStream;

/** A request body sent as a slow client sends it: a few hundred bytes at a time, with a pause before each. */
final class Trickle extends InputStream {

    private final byte[] file;
    private final int chunk;
    private final long pauseMillis;
    private int position;

    Trickle(byte[] file, int chunk, long pauseMillis) {
        this.file = file;
        this.chunk = chunk;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public int read() {
        return position < file.length ? file[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position >= file.length) {
            return -1;
        }
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        int count = Math.min(Math.min(length, chunk), file.length - position);
        System.arraycopy(file, position, buffer, offset, count);
        position += count;
        return count;
    }
}
