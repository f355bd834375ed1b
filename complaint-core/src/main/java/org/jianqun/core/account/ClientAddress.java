package org.jianqun.core.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a login attempt comes from, as the throttle counts it: an IPv4 address as it is, an IPv6 address by
 * its /64 (one subscriber's network, which its owner can fill with as many addresses as they like). Taken
 * from the connection's peer, never from a header such as X-Forwarded-For, which any client can write.
 */
public record ClientAddress(String value) {
    /** A connection without an IP peer (a local socket): all such attempts count as one place. */
    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    /** From an IP literal (as the HTTP server reports its peer); anything else is {@link #UNKNOWN}. */
    public static ClientAddress ofLiteral(String ip) {
        // Only digits, hex, '.', ':' and a scope: InetAddress then parses and never asks DNS.
        if (ip == null || ip.isEmpty() || !ip.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return UNKNOWN;
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            return bytes.length == 4 ? new ClientAddress(InetAddress.getByAddress(bytes).getHostAddress())
                    : new ClientAddress(HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64");
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
