package io.dnsbroker.dns;

import java.util.Locale;

/**
 * A domain name as a value: compared case-insensitively (RFC 4343), trailing dot ignored, with the
 * spelling it was written in kept for display. Construct through {@link #parse}, which enforces
 * the RFC 1035 limits, so every Name in the system is a valid one.
 */
public final class Name {
    public static final int MAX_LENGTH = 253;
    public static final int MAX_LABEL_LENGTH = 63;

    private final String text;
    private final String key;

    private Name(String text, String key) {
        this.text = text;
        this.key = key;
    }

    public static Name parse(String raw) throws InvalidNameException {
        String text = raw.strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new InvalidNameException("empty name");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidNameException("name of " + text.length() + " octets, over " + MAX_LENGTH);
        }
        int labelStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0) {
                    throw new InvalidNameException("empty label");
                }
                if (labelLength > MAX_LABEL_LENGTH) {
                    throw new InvalidNameException("label of " + labelLength + " octets, over " + MAX_LABEL_LENGTH);
                }
                labelStart = i + 1;
            } else if (!isNameChar(text.charAt(i))) {
                throw new InvalidNameException("character '" + printable(text.charAt(i)) + "' not allowed in a name");
            }
        }
        return new Name(text, text.toLowerCase(Locale.ROOT));
    }

    /** Letters, digits, hyphen (RFC 1035), underscore (service labels) and the wildcard star; ASCII only. */
    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '*';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    /** The name as it was written, without the trailing dot. */
    public String text() {
        return text;
    }

    /** The canonical lower-case form used for lookups. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
