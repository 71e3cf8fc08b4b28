package dev.switchboard.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (ITU-T X.690) to wrap a PKCS#1 or SEC1 private key in PKCS#8, which the JDK's KeyFactory reads:
 * single-octet tags, definite lengths up to 2^31.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, context-specific: SEC1's ECParameters. */
    static final int CONTEXT_0 = 0xA0;

    /** One element: tag and content, and the whole encoding (to copy it unchanged). */
    record Element(int tag, byte[] encoded, int contentOffset) {
        byte[] content() {
            return Arrays.copyOfRange(encoded, contentOffset, encoded.length);
        }
    }

    private Der() {}

    /** The elements inside the constructed element {@code der} (a SEQUENCE, say). */
    static List<Element> children(byte[] der) {
        Element outer = element(der, 0);
        if (outer.encoded().length != der.length) {
            throw new IllegalArgumentException("bytes after the DER element");
        }
        List<Element> children = new ArrayList<>();
        for (int offset = outer.contentOffset(); offset < der.length; ) {
            Element child = element(der, offset);
            children.add(child);
            offset += child.encoded().length;
        }
        return children;
    }

    /** The element starting at {@code offset}. */
    static Element element(byte[] der, int offset) {
        int position = offset;
        int tag = octet(der, position++);
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("multi-octet DER tag");
        }
        int first = octet(der, position++);
        long length = first;
        if (first >= 0x80) {
            int octets = first & 0x7F;
            if (octets == 0 || octets > 4) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | octet(der, position++);
            }
        }
        if (length > der.length - position) {
            throw new IllegalArgumentException("truncated DER element");
        }
        int end = position + (int) length;
        return new Element(tag, Arrays.copyOfRange(der, offset, end), position - offset);
    }

    /** A TLV whose content is the concatenation of {@code parts}. */
    static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int octet(byte[] der, int position) {
        if (position >= der.length) {
            throw new IllegalArgumentException("truncated DER element");
        }
        return der[position] & 0xFF;
    }
}
