package io.cxengine.journey.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.util.Map;

/**
 * Text the engine can store and every view can hold: no NUL character (PostgreSQL's text and JSONB cannot hold one,
 * so a fact carrying it would be recorded and then parked by every projection) and no unpaired UTF-16 surrogate (which
 * no UTF-8 column can hold: it would be stored as a replacement character, or not at all). Refused in request bodies
 * (through the API's JSON mapper) and in query parameters, as a 400 naming the field.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why this text cannot be stored, or null if it can. */
    public static String defect(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate (such as \\ud800)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (such as \\udc00)";
            }
        }
        return null;
    }

    /** A text field of a request body that cannot be stored. */
    public static final class Unstorable extends MismatchedInputException {
        Unstorable(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }

    /** A query parameter that cannot be stored or searched for. */
    public static final class UnstorableParameter extends RuntimeException {
        private final String parameter;

        UnstorableParameter(String parameter, String defect) {
            super("%s %s".formatted(parameter, defect));
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** The API's reader of every JSON string: the standard one, then the check. */
    static final class Deserializer extends StdScalarDeserializer<String> {
        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String defect = text == null ? null : defect(text);
            if (defect != null) {
                throw new Unstorable(parser, defect);
            }
            return text;
        }
    }

    /** Refuses a request whose query parameters (names or values) cannot be stored, before any handler runs. */
    static final class Parameters implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getQueryString() == null) {
                return true;
            }
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                String defect = defect(parameter.getKey());
                for (int i = 0; defect == null && i < parameter.getValue().length; i++) {
                    defect = defect(parameter.getValue()[i]);
                }
                if (defect != null) {
                    throw new UnstorableParameter(StorableText.defect(parameter.getKey()) == null
                            ? parameter.getKey() : "a parameter name", defect);
                }
            }
            return true;
        }
    }
}
