package dev.stracewb.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The report as JSON ({@code "schema": "stracewb-report/1"}, documented in README.md): the
 * {@link Report} records as they are, through Jackson, which escapes quotes, backslashes and control characters.
 * U+2028 and U+2029 are escaped too (JavaScript once read them as line ends). {@code <} and {@code &} stay
 * as they are: every strace line is full of them ({@code <0.000007>}), a JSON file is never run as HTML, and
 * escaping them would make the evidence unreadable to a person reading the file.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private JsonReport() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String render(Report report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Jackson's standard escapes plus the two Unicode line separators. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
