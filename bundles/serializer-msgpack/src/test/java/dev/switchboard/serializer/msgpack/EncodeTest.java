package dev.switchboard.serializer.msgpack;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EncodeContract;

/** Encoding big, deep and unusual payloads in MsgPack; what cannot be encoded fails loudly (the contract's tests). */
class EncodeTest extends EncodeContract {

    @Override
    protected Serializer serializer() {
        return MsgPack.SERIALIZER;
    }

    @Override
    protected int maxNestingDepth() {
        return MsgPackSerializer.MAX_NESTING_DEPTH;
    }

    @Override
    protected int[] bufferBoundarySizes() {
        // Crosses PackedBytes' first growth (256) and the packer's direct-write threshold (8192).
        return new int[] {200, 240, 250, 251, 252, 253, 254, 255, 256, 257, 300, 8180, 8192, 8193, 9000};
    }

    @Override
    protected String resultWithNulls() {
        return "9532018091c081a161c0";
    }
}
