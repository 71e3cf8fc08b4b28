package dev.switchboard.serializer.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte-level mutations of encoded messages, as a fuzzer does them: flip, overwrite, insert, delete, duplicate,
 * truncate, and splice in tokens of the format (length headers, type bytes, escapes) from a dictionary.
 */
public final class Mutator {

    /** Mutated inputs never grow beyond this: decoding cost must stay proportional to the input. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x20, 0x5b, 0x5d,
        0x7b, 0x7d, 0x22, 0x5c, (byte) 0xc0, (byte) 0xc1, (byte) 0xed, (byte) 0xf4, 0x1f, 0x18, 0x19, 0x1a, 0x1b};

    private final List<byte[]> dictionary;

    /** @param dictionary format tokens to splice in; may be empty */
    public Mutator(List<byte[]> dictionary) {
        this.dictionary = dictionary;
    }

    /** One to five mutations of {@code input} (which is not changed). */
    public byte[] mutate(SplittableRandom r, byte[] input) {
        byte[] out = input.clone();
        int rounds = 1 + (r.nextInt(3) == 0 ? r.nextInt(1, 5) : 0);
        for (int i = 0; i < rounds; i++) {
            out = once(r, out);
        }
        return out.length > MAX_LENGTH ? Arrays.copyOf(out, MAX_LENGTH) : out;
    }

    private byte[] once(SplittableRandom r, byte[] in) {
        int n = in.length;
        int at = n == 0 ? 0 : r.nextInt(n);
        switch (r.nextInt(dictionary.isEmpty() ? 8 : 10)) {
            case 0: // flip one bit
                if (n > 0) in[at] ^= (byte) (1 << r.nextInt(8));
                return in;
            case 1: // overwrite with a random byte
                if (n > 0) in[at] = (byte) r.nextInt(256);
                return in;
            case 2: // overwrite with an interesting byte
                if (n > 0) in[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                return in;
            case 3: { // insert random bytes
                byte[] extra = new byte[r.nextInt(1, 9)];
                r.nextBytes(extra);
                return splice(in, r.nextInt(n + 1), 0, extra);
            }
            case 4: { // delete a range
                if (n == 0) return in;
                int length = r.nextInt(1, Math.min(n - at, 16) + 1);
                return splice(in, at, length, new byte[0]);
            }
            case 5: // truncate
                return Arrays.copyOf(in, n == 0 ? 0 : r.nextInt(n));
            case 6: { // duplicate a range somewhere else
                if (n == 0) return in;
                int length = r.nextInt(1, Math.min(n - at, 64) + 1);
                return splice(in, r.nextInt(n + 1), 0, Arrays.copyOfRange(in, at, at + length));
            }
            case 7: { // swap two bytes
                if (n < 2) return in;
                int other = r.nextInt(n);
                byte b = in[at];
                in[at] = in[other];
                in[other] = b;
                return in;
            }
            case 8: // insert a format token
                return splice(in, r.nextInt(n + 1), 0, dictionary.get(r.nextInt(dictionary.size())));
            default: { // overwrite with a format token
                byte[] token = dictionary.get(r.nextInt(dictionary.size()));
                return splice(in, at, Math.min(token.length, n - at), token);
            }
        }
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length - remove + insert.length);
        out.write(in, 0, at);
        out.write(insert, 0, insert.length);
        out.write(in, at + remove, in.length - at - remove);
        return out.toByteArray();
    }

    /** Random bytes: often raw noise, often a concatenation of format tokens, which gets further into a parser. */
    public byte[] noise(SplittableRandom r, int maxLength) {
        if (dictionary.isEmpty() || r.nextInt(3) == 0) {
            byte[] b = new byte[r.nextInt(maxLength + 1)];
            r.nextBytes(b);
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int tokens = r.nextInt(1, 40);
        for (int i = 0; i < tokens && out.size() < maxLength; i++) {
            if (r.nextInt(5) == 0) {
                out.write(r.nextInt(256));
            } else {
                byte[] t = dictionary.get(r.nextInt(dictionary.size()));
                out.write(t, 0, t.length);
            }
        }
        byte[] b = out.toByteArray();
        return b.length > maxLength ? Arrays.copyOf(b, maxLength) : b;
    }
}
