package dev.switchboard.serializer.cbor;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.SerializerFuzzContract;
import dev.switchboard.serializer.fuzz.ValueProfile;
import java.util.List;

/** The fuzz properties of {@link SerializerFuzzContract} for {@code wamp.2.cbor}. */
class CborSerializerFuzzTest extends SerializerFuzzContract {

    private static final CborSerializer SERIALIZER = new CborSerializer();

    /**
     * Initial bytes of every major type with arguments at the edges, indefinite lengths and breaks, tags (bignums,
     * decimal fractions, string references, self-description), simple values, half floats, reserved values,
     * invalid UTF-8, a whole HELLO.
     */
    private static final List<byte[]> DICTIONARY = hexTokens(
            "80", "83", "85", "98 ff", "99 ff ff", "9a ff ff ff ff", "9b ff ff ff ff ff ff ff ff", "9f", "ff",
            "a0", "a1", "b8 ff", "ba ff ff ff ff", "bb 7f ff ff ff ff ff ff ff", "bf",
            "60", "61 61", "78 ff", "79 ff ff", "7a ff ff ff ff", "7b ff ff ff ff ff ff ff ff", "7b 7f ff ff ff ff ff ff ff",
            "7f", "7f 61 61 ff", "7f 41 61 ff",
            "40", "45", "59 ff ff", "5a ff ff ff ff", "5b 7f ff ff ff ff ff ff ff", "5f", "5f 41 00 ff", "5f 61 61 ff",
            "00", "17", "18 ff", "19 ff ff", "1a ff ff ff ff", "1b ff ff ff ff ff ff ff ff", "1b 80 00 00 00 00 00 00 00",
            "20", "37", "38 ff", "3b ff ff ff ff ff ff ff ff", "3b 7f ff ff ff ff ff ff ff", "1c", "1f", "3f",
            "c0", "c0 61 61", "c1", "c2 49 01 00 00 00 00 00 00 00 00", "c3 49 01 00 00 00 00 00 00 00 00",
            "c2 40", "c2 5a 00 01 00 00", "c4 82 21 19 6a b3", "c4 82 1b 7f ff ff ff ff ff ff ff 01",
            "c4 82 3b 7f ff ff ff ff ff ff ff 01", "c5 82 20 03", "d8 19 00", "d9 01 00", "d8 1c", "d8 1d 00",
            "d9 d9 f7", "db ff ff ff ff ff ff ff ff", "c6",
            "f4", "f5", "f6", "f7", "f0", "f8 20", "f8 ff", "f8 00", "fc", "fd", "fe",
            "f9 7c 00", "f9 7e 00", "f9 00 01", "f9 fc 00", "fa 7f c0 00 00", "fb 7f f8 00 00 00 00 00 00",
            "fb 7f f0 00 00 00 00 00 00", "fb 80 00 00 00 00 00 00 00",
            "63 ed a0 80", "62 c3 28", "61 ff", "64 f4 90 80 80", "62 c0 af", "64 f0 9f 98 80",
            "83 01 66 72 65 61 6c 6d 31 a0", "84 10 01 a0 61 74", "86 18 30 01 a0 61 70 80 a0");

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    @Override
    protected ValueProfile profile() {
        return ValueProfile.CBOR;
    }

    @Override
    protected List<byte[]> dictionary() {
        return DICTIONARY;
    }
}
