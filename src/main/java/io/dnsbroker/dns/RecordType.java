package io.dnsbroker.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** The record types a table may hold, each with the syntax check of its data. */
public enum RecordType {
    A {
        @Override
        String canonicalData(String data) throws InvalidRecordException {
            String[] octets = data.split("\\.", -1);
            if (octets.length != 4) {
                throw new InvalidRecordException("bad IPv4 address '" + data + "'");
            }
            for (String octet : octets) {
                // ASCII digits only (Character.isDigit takes any script's), no leading zero (octal to some readers).
                if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                        || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                    throw new InvalidRecordException("bad IPv4 address '" + data + "'");
                }
            }
            return data;
        }
    },
    AAAA {
        @Override
        String canonicalData(String data) throws InvalidRecordException {
            // Only a literal with a colon and hex digits reaches InetAddress, so it never does a DNS lookup.
            if (!data.contains(":") || !data.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new InvalidRecordException("bad IPv6 address '" + data + "'");
            }
            try {
                InetAddress.getByName(data);
            } catch (UnknownHostException e) {
                throw new InvalidRecordException("bad IPv6 address '" + data + "'");
            }
            return data;
        }
    },
    CNAME {
        @Override
        String canonicalData(String data) throws InvalidRecordException {
            return target(data);
        }
    },
    NS {
        @Override
        String canonicalData(String data) throws InvalidRecordException {
            return target(data);
        }
    },
    /** Data is "preference exchange", as in the zone file syntax. */
    MX {
        @Override
        String canonicalData(String data) throws InvalidRecordException {
            String[] parts = data.split(" ");
            if (parts.length != 2) {
                throw new InvalidRecordException("MX needs a preference and an exchange, got '" + data + "'");
            }
            try {
                int preference = Integer.parseInt(parts[0]);
                if (preference < 0 || preference > 65535) {
                    throw new NumberFormatException();
                }
                return preference + " " + target(parts[1]);
            } catch (NumberFormatException e) {
                throw new InvalidRecordException("bad MX preference '" + parts[0] + "' (0 to 65535)");
            }
        }
    };

    /** Checks the record data and returns it in the form stored and sent. */
    abstract String canonicalData(String data) throws InvalidRecordException;

    private static String target(String data) throws InvalidRecordException {
        try {
            return Name.parse(data).text();
        } catch (InvalidNameException e) {
            throw new InvalidRecordException("bad target name '" + data + "': " + e.getMessage());
        }
    }

    /** The type named by a token, or null when the token names no type. */
    public static RecordType byName(String token) {
        if (token.equals("A")) {
            // nearly every query: no upper-cased copy to look up
            return A;
        }
        try {
            return valueOf(token.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A record whose data does not fit its type. */
    public static final class InvalidRecordException extends Exception {
        InvalidRecordException(String reason) {
            super(reason);
        }
    }
}
