package dev.switchboard.serializer.fuzz;

import java.math.BigInteger;

/**
 * Which payload values a serializer carries faithfully, so that generated "valid" messages stay within what it
 * promises to round-trip. Everything outside goes into the "wild" payloads, which encode may refuse.
 *
 * @param minInteger    smallest integer it carries (BigInteger below the long range included)
 * @param maxInteger    largest integer it carries
 * @param nonFinite     whether NaN and the infinities travel
 * @param nulLeadingText whether a text string may start with U+0000 (JSON reads those as binary)
 * @param maxKeyBytes   longest dict key in UTF-8 bytes
 */
public record ValueProfile(String name, BigInteger minInteger, BigInteger maxInteger, boolean nonFinite,
        boolean nulLeadingText, int maxKeyBytes) {

    /**
     * JSON: integers of any size up to the reader's 100-character number limit; no NaN; NUL marks binary; keys of
     * up to 1024 bytes (the reader's name limit).
     */
    public static final ValueProfile JSON = new ValueProfile("json", BigInteger.TWO.pow(256).negate(),
            BigInteger.TWO.pow(256), false, false, 1024);

    /** MsgPack: int 64 and uint 64, so [-2^63, 2^64). */
    public static final ValueProfile MSGPACK = new ValueProfile("msgpack", BigInteger.TWO.pow(63).negate(),
            BigInteger.TWO.pow(64).subtract(BigInteger.ONE), true, true, Integer.MAX_VALUE);

    /** CBOR: major types 0 and 1 up to 64 bits, bignums (tags 2 and 3) of up to 100 bytes beyond. */
    public static final ValueProfile CBOR = new ValueProfile("cbor", BigInteger.TWO.pow(800).negate(),
            BigInteger.TWO.pow(800).subtract(BigInteger.ONE), true, true, Integer.MAX_VALUE);
}
