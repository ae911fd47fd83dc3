package io.cxengine.journey.platform.accesslog;

import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;

/** A streamed answer that will hold exactly {@code count} entries, known before its first byte is written. */
public record CountedStream(long count, StreamingResponseBody body) implements StreamingResponseBody, Counted {

    @Override
    public void writeTo(OutputStream out) throws IOException {
        body.writeTo(out);
    }
}
