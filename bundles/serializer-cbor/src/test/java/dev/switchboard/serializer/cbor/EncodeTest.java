package dev.switchboard.serializer.cbor;

import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.serializer.fuzz.EncodeContract;

/** Encoding big, deep and unusual payloads in CBOR; what cannot be encoded fails loudly (the contract's tests). */
class EncodeTest extends EncodeContract {

    @Override
    protected Serializer serializer() {
        return Cbor.SERIALIZER;
    }

    @Override
    protected int maxNestingDepth() {
        return WampCborFactory.MAX_NESTING_DEPTH;
    }

    @Override
    protected int[] bufferBoundarySizes() {
        // Around the generator's 16000-byte buffer: exercises ByteSink's append path.
        return new int[] {0, 23, 24, 15_980, 15_990, 15_995, 15_999, 16_000, 16_001, 16_010, 32_000, 40_000};
    }

    @Override
    protected String resultWithNulls() {
        return "85183201a081f6a16161f6";
    }
}
