package dev.switchboard.serializer.cbor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

/** The one Jackson CBOR factory of this bundle, configured for untrusted peers and exact values. */
final class WampCborFactory {

    /**
     * Deepest nesting of arrays and maps, counting the message array itself; the same bound as the JSON
     * serializer, so that every serializer accepts and sends the same messages. It protects every consumer
     * that walks payloads recursively from a stack overflow on attacker-chosen depth. The same bound applies
     * on write, so whatever we accept we can also send.
     */
    static final int MAX_NESTING_DEPTH = 64;

    /**
     * Longest bignum (tags 2 and 3) in bytes, and longest decimal fraction text: keeps BigInteger and
     * BigDecimal arithmetic on peer-chosen values trivially cheap. 100 bytes is far above the 8 bytes a
     * WAMP integer ever needs.
     */
    static final int MAX_NUMBER_LENGTH = 100;

    private WampCborFactory() {}

    /*
     * Not set on purpose: maxStringLength (Jackson default 20M chars), maxDocumentLength and maxTokenCount
     * (unlimited). decode() gets one whole frame whose size the transport already bounds (RawSocket at most
     * 16 MB, WebSocket by its configured maximum), so no string, document or token count can exceed it.
     */
    static CBORFactory create() {
        return create(MAX_NESTING_DEPTH);
    }

    /**
     * @param maxWriteDepth deepest nesting the generator writes: {@link #MAX_NESTING_DEPTH}, or one less for a
     *                      generator that writes the elements of a message array whose header is written by hand
     */
    static CBORFactory create(int maxWriteDepth) {
        return CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(maxWriteDepth)
                        .build())
                // Key names are not kept in a process-wide symbol table: with it, peers could park names there,
                // retained across messages (same choice as the JSON serializer).
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // Error messages never quote the peer's bytes.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // RFC 8949 section 3.4.3: tag 3 holds -1 - n. Jackson's default (for compatibility) reads -n.
                .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                .enable(CBORGenerator.Feature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                // Simple values other than false/true/null/undefined surface as such (and are refused) instead
                // of posing as integers.
                .enable(CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
                // These are Jackson's defaults, spelled out because they are part of the contract: shortest
                // integer forms, doubles always as float 64, no string references (tag 256, not every peer
                // reads them), and an unpaired surrogate is an error rather than a silent U+FFFD.
                .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
                .disable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
                .disable(CBORGenerator.Feature.STRINGREF)
                .disable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
                .disable(CBORGenerator.Feature.LENIENT_UTF_ENCODING)
                .build();
    }
}
