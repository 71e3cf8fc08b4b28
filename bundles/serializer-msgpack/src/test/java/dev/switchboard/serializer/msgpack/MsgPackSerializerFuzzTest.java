package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.SerializerFuzzContract;
import dev.switchboard.serializer.fuzz.ValueProfile;
import java.util.List;

/** The fuzz properties of {@link SerializerFuzzContract} for {@code wamp.2.msgpack}. */
class MsgPackSerializerFuzzTest extends SerializerFuzzContract {

    private static final MsgPackSerializer SERIALIZER = new MsgPackSerializer();

    /** Type bytes with their length headers at the edges, extension types, invalid UTF-8, a whole HELLO. */
    private static final List<byte[]> DICTIONARY = hexTokens(
            "90", "93", "95", "9f", "dc 00 05", "dc ff ff", "dd 00 00 00 03", "dd 7f ff ff ff", "dd ff ff ff ff",
            "80", "81", "8f", "de 00 01", "de ff ff", "df 7f ff ff ff", "df ff ff ff ff",
            "a0", "a1 61", "bf", "d9 ff", "d9 00", "da ff ff", "db 7f ff ff ff", "db ff ff ff ff", "db 80 00 00 00",
            "c4 00", "c4 05", "c4 ff", "c5 ff ff", "c6 ff ff ff ff", "c6 7f ff ff ff",
            "cc ff", "cd ff ff", "ce ff ff ff ff", "cf ff ff ff ff ff ff ff ff", "cf 80 00 00 00 00 00 00 00",
            "cf 00 20 00 00 00 00 00 00", "d0 80", "d1 80 00", "d2 80 00 00 00", "d3 80 00 00 00 00 00 00 00",
            "7f", "e0", "ff", "00", "01",
            "ca 7f c0 00 00", "ca 7f 80 00 00", "cb 7f f8 00 00 00 00 00 00", "cb 7f f0 00 00 00 00 00 00",
            "cb 80 00 00 00 00 00 00 00", "c0", "c1", "c2", "c3",
            "d4 01 00", "d6 ff 00 00 00 00", "c7 ff 01", "c7 00 01", "c8 ff ff 01", "c9 ff ff ff ff 01",
            "a3 ed a0 80", "a2 c3 28", "a1 ff", "a4 f4 90 80 80", "a2 c0 af", "a4 f0 9f 98 80",
            "93 01 a6 72 65 61 6c 6d 31 80", "94 10 01 80 a1 74", "96 30 01 80 a1 70 90 80");

    @Override
    protected Serializer serializer() {
        return SERIALIZER;
    }

    @Override
    protected ValueProfile profile() {
        return ValueProfile.MSGPACK;
    }

    @Override
    protected List<byte[]> dictionary() {
        return DICTIONARY;
    }
}
