package org.opendialler.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IP address literals: parsing without any name lookup, comparison across spellings
 * ({@code ::1} and {@code 0:0:0:0:0:0:0:1}, IPv4-mapped IPv6), CIDR ranges, and the client
 * address behind trusted proxies.
 */
public final class Addresses {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Addresses() {
    }

    /** Parses an IP literal; {@code null} for anything else, host names included. */
    public static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean ipv4 = IPV4.matcher(t).matches();
        if (!LITERAL.matcher(t).matches() || (!ipv4 && !t.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether two literals name the same address. */
    public static boolean same(String a, String b) {
        InetAddress x = parse(a);
        InetAddress y = parse(b);
        return x != null && x.equals(y);
    }

    /** Whether {@code address} is inside {@code range}, a literal or CIDR such as 10.0.0.0/8. */
    public static boolean inRange(InetAddress address, String range) {
        int slash = range.indexOf('/');
        InetAddress base = parse(slash < 0 ? range : range.substring(0, slash));
        if (base == null || address == null) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] b = base.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = slash < 0 ? a.length * 8 : Integer.parseInt(range.substring(slash + 1).trim());
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The client's address: the peer, unless the peer is a trusted proxy, in which case the
     * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy.
     */
    public static String client(String peer, String forwardedFor, List<String> trusted) {
        if (forwardedFor == null || !isTrusted(peer, trusted)) {
            return canonical(peer);
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (parse(hop) == null) {
                break;
            }
            if (!isTrusted(hop, trusted)) {
                return canonical(hop);
            }
        }
        return canonical(peer);
    }

    private static boolean isTrusted(String ip, List<String> trusted) {
        InetAddress address = parse(ip);
        return trusted.stream().anyMatch(range -> inRange(address, range));
    }

    /** The address in one spelling, so that bindings compare as text too. */
    public static String canonical(String ip) {
        InetAddress address = parse(ip);
        return address == null ? ip : address.getHostAddress();
    }
}
