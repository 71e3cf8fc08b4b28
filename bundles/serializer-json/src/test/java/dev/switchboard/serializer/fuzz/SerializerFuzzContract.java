package dev.switchboard.serializer.fuzz;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.serializer.DecodeException;
import dev.switchboard.api.serializer.MessageArrays;
import dev.switchboard.api.serializer.Serializer;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz properties every serializer must keep; a serializer's test extends this class and names the serializer,
 * what values it carries and the tokens of its format. Inputs come from a peer nobody trusts:
 * <ul>
 *   <li>decoding any bytes returns a message or throws {@link DecodeException} with a short one-line reason;
 *       nothing else, within a time and allocation bound proportional to the input;</li>
 *   <li>decoding in place from a larger array sees only the given range;</li>
 *   <li>whatever decodes also encodes again, to bytes that decode to the same message (a router forwards what it
 *       accepts; it must never hold a message it cannot send on);</li>
 *   <li>valid messages of every type with random payloads round-trip to equal values;</li>
 *   <li>encoding any payload an in-process component may build throws nothing but IllegalArgumentException, and
 *       what it encodes decodes to the same values.</li>
 * </ul>
 * The budget per property is small for the default build; see {@link FuzzRunner} for longer runs.
 */
public abstract class SerializerFuzzContract {

    /** Bytes a decode may allocate in all, per input byte, beyond {@link #ALLOCATION_BASE}. */
    static final long ALLOCATION_PER_BYTE = 64;
    /** Fixed allocation allowance per decode (parser buffers, the message's own objects). */
    static final long ALLOCATION_BASE = 2L * 1024 * 1024;
    /**
     * A decode that spends more CPU than this is a finding (inputs are at most {@link Mutator#MAX_LENGTH} bytes). CPU
     * time of this thread, not wall time, and generous: a loaded build machine must not make it fail.
     */
    static final long MAX_DECODE_CPU_NANOS = 5_000_000_000L;
    /** Longest DecodeException message: reasons end up in logs and ABORT details. */
    static final int MAX_REASON_LENGTH = 400;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    protected abstract Serializer serializer();

    protected abstract ValueProfile profile();

    /** Tokens of the format (type bytes, length headers, escapes) for mutations and noise. */
    protected abstract List<byte[]> dictionary();

    private Mutator mutator() {
        return new Mutator(dictionary());
    }

    @Test
    public void arbitraryBytesDecodeToAMessageOrFailCleanly() {
        Mutator mutator = mutator();
        FuzzRunner.of(serializer().name() + " arbitrary bytes", 20_000, 1)
                .run(r -> mutator.noise(r, 1024), this::decodesCleanly, Shrinks.bytes(), SerializerFuzzContract::hex);
    }

    @Test
    public void mutatedMessagesDecodeToAMessageOrFailCleanly() {
        Mutator mutator = mutator();
        FuzzRunner.of(serializer().name() + " mutated messages", 10_000, 1.5)
                .run(r -> mutator.mutate(r, serializer().encode(WampMessages.valid(r, profile()))), this::decodesCleanly,
                        Shrinks.bytes(), SerializerFuzzContract::hex);
    }

    @Test
    public void validMessagesRoundTrip() {
        FuzzRunner.of(serializer().name() + " round trip", 5_000, 1)
                .run(r -> MessageArrays.toArray(WampMessages.valid(r, profile())), this::roundTrips,
                        Shrinks.messageArrays(), SameValue::show);
    }

    @Test
    public void encodingAnyPayloadRefusesCleanlyOrRoundTrips() {
        FuzzRunner.of(serializer().name() + " wild payloads", 3_000, 0.5)
                .run(r -> MessageArrays.toArray(WampMessages.wild(r, profile())), this::encodesCleanly,
                        Shrinks.messageArrays(), SameValue::show);
    }

    /** The decode properties for one input; throws on a violation. */
    protected void decodesCleanly(byte[] input) throws Throwable {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = THREADS.getCurrentThreadCpuTime();
        Message decoded;
        String refusal = null;
        try {
            decoded = serializer().decode(input, 0, input.length);
        } catch (DecodeException e) {
            decoded = null;
            refusal = String.valueOf(e.getMessage());
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (refusal != null && (refusal.length() > MAX_REASON_LENGTH || refusal.contains("\n"))) {
            throw new AssertionError("DecodeException reason is not one short line: " + refusal.length() + " chars: "
                    + SameValue.escape(refusal.substring(0, Math.min(refusal.length(), 1000))));
        }
        if (allocated > ALLOCATION_BASE + ALLOCATION_PER_BYTE * input.length) {
            throw new AssertionError("decoding " + input.length + " bytes allocated " + allocated + " bytes");
        }
        if (nanos > MAX_DECODE_CPU_NANOS) {
            throw new AssertionError("decoding " + input.length + " bytes took " + nanos / 1_000_000 + " ms of CPU");
        }
        sameInPlace(input, decoded, refusal);
        if (decoded != null) {
            reencodes(decoded);
        }
    }

    /** Decoding the input from the middle of a larger array, between bytes that would change it, gives the same. */
    private void sameInPlace(byte[] input, Message decoded, String refusal) throws Throwable {
        SplittableRandom r = new SplittableRandom(input.length * 31L + (input.length > 0 ? input[0] : 0));
        int before = r.nextInt(1, 9);
        byte[] padded = new byte[before + input.length + r.nextInt(1, 9)];
        r.nextBytes(padded);
        System.arraycopy(input, 0, padded, before, input.length);
        Message inPlace;
        try {
            inPlace = serializer().decode(padded, before, input.length);
        } catch (DecodeException e) {
            if (decoded != null) {
                throw new AssertionError("decodes alone but not in place: " + e.getMessage(), e);
            }
            return;
        }
        if (decoded == null) {
            throw new AssertionError("refused alone (" + refusal + ") but decodes in place to " + inPlace);
        }
        SameValue.assertSameMessage(decoded, inPlace);
    }

    /** A decoded message must be sendable: encode gives bytes that decode to the same message. */
    private void reencodes(Message decoded) throws Throwable {
        byte[] again;
        try {
            again = serializer().encode(decoded);
        } catch (RuntimeException e) {
            throw new AssertionError("accepted a message it cannot encode again: " + decoded, e);
        }
        Message twice;
        try {
            twice = serializer().decode(again, 0, again.length);
        } catch (DecodeException e) {
            throw new AssertionError("cannot decode its own encoding of an accepted message " + decoded + ": "
                    + e.getMessage() + "; bytes " + HexFormat.of().formatHex(again), e);
        }
        SameValue.assertSameMessage(decoded, twice);
    }

    private void roundTrips(List<Object> array) throws Throwable {
        Message message = MessageArrays.fromArray(array);
        byte[] bytes = serializer().encode(message);
        Message decoded;
        try {
            decoded = serializer().decode(bytes, 0, bytes.length);
        } catch (DecodeException e) {
            throw new AssertionError("cannot decode its own encoding: " + e.getMessage() + "; bytes "
                    + HexFormat.of().formatHex(bytes), e);
        }
        SameValue.assertSameMessage(message, decoded);
    }

    private void encodesCleanly(List<Object> array) throws Throwable {
        Message message = MessageArrays.fromArray(array);
        byte[] bytes;
        try {
            bytes = serializer().encode(message);
        } catch (IllegalArgumentException e) {
            return; // the documented refusal: the router drops the message for this peer
        }
        Message decoded;
        try {
            decoded = serializer().decode(bytes, 0, bytes.length);
        } catch (DecodeException e) {
            throw new AssertionError("encoded a message it cannot decode: " + e.getMessage() + "; bytes "
                    + hex(bytes), e);
        }
        SameValue.assertSameMessage(message, decoded);
    }

    /** Dictionary tokens written in hex, spaces allowed between bytes. */
    protected static List<byte[]> hexTokens(String... hex) {
        return java.util.Arrays.stream(hex).map(h -> HexFormat.of().parseHex(h.replace(" ", ""))).toList();
    }

    /** Bytes as hex, with printable ASCII shown as well for text formats. */
    static String hex(byte[] bytes) {
        StringBuilder ascii = new StringBuilder();
        for (byte b : bytes) {
            ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return bytes.length + " bytes: " + HexFormat.of().formatHex(bytes) + "  |" + ascii + "|";
    }
}
