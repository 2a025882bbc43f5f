package dev.hookbridge.endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: which resolved addresses an endpoint may reach. Unless private networks are
 * allowed, loopback, link-local, private (RFC 1918, unique-local IPv6), carrier-grade NAT,
 * multicast and unspecified addresses are refused, except hosts or CIDR ranges listed as allowed.
 */
public final class AddressPolicy {

    private final boolean allowPrivateNetworks;
    private final List<String> allowedHosts;
    private final List<Cidr> allowedRanges;

    public AddressPolicy(boolean allowPrivateNetworks, List<String> allowed) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowed.stream().filter(a -> !a.contains("/")).map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.allowedRanges = allowed.stream().filter(a -> a.contains("/")).map(Cidr::parse).toList();
    }

    /** Whether connecting to {@code address} (resolved from {@code host}) is allowed. */
    public boolean allows(String host, InetAddress address) {
        if (allowPrivateNetworks || allowedHosts.contains(host.toLowerCase(Locale.ROOT))
                || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        return !isInternal(address);
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0/8, 100.64/10 (CGNAT)
                    || (first == 169 && second == 254) || first >= 240;             // link-local, reserved
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique-local; ::ffff:a.b.c.d mapped addresses are judged as IPv4 by the JDK already.
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    /** An IPv4 or IPv6 range such as 10.1.0.0/16. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            try {
                return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (Exception e) {
                throw new IllegalArgumentException("hookbridge.delivery.allowed-hosts: '" + text + "' is not a CIDR range");
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((candidate[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
