package dev.switchboard.serializer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The one Jackson factory of this bundle, configured for untrusted peers. */
final class WampJsonFactory {

    /**
     * Deepest nesting of arrays and objects, counting the message array itself. Real WAMP traffic nests a
     * handful of levels (HELLO.Details.roles.caller.features is 5). The bound protects every consumer that
     * walks payloads recursively (equals, toString, other serializers, authorizers) from a stack overflow
     * on attacker-chosen depth. The same bound applies on write, so whatever we accept we can also send.
     */
    static final int MAX_NESTING_DEPTH = 64;

    /**
     * Longest number token, in characters. A long needs 20, a double's shortest exact text 24; 100 leaves
     * room for verbose writers while keeping BigInteger/BigDecimal parsing (superlinear) trivially cheap.
     */
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Longest object key, in UTF-8 bytes (Jackson's byte-based parser measures names in bytes). Jackson keeps up to 6000 key names in a process-wide symbol table
     * across messages; with its default of 50,000 chars a peer can park about 570 MB there (measured).
     * At 1024 the worst case is about 14 MB, and keys stay far longer than any option, detail or sensible
     * keyword-argument name.
     */
    static final int MAX_NAME_LENGTH = 1024;

    private WampJsonFactory() {}

    /*
     * Not set on purpose: maxStringLength (Jackson default 20M chars), maxDocumentLength and maxTokenCount
     * (unlimited). decode() gets one whole frame whose size the transport already bounds (RawSocket at most
     * 16 MB, WebSocket by its configured maximum), so no string, document or token count can exceed it.
     */
    static JsonFactory create() {
        return new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                // CANONICALIZE_FIELD_NAMES stays on: without it Jackson falls back to its Reader-based parser,
                // which silently turns invalid UTF-8 into U+FFFD instead of failing. String.intern() of every
                // new key, on the other hand, only costs.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // WAMP JSON is UTF-8 (RFC 8259 section 8.1); no guessing UTF-16/32 from the first bytes.
                .disable(JsonFactory.Feature.CHARSET_DETECTION)
                // Error messages never quote the peer's bytes.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // Strict RFC 8259; these are Jackson's defaults, spelled out because they are part of the contract.
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                // Non-BMP characters as one 4-byte UTF-8 sequence, not as an escaped surrogate pair.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }
}
