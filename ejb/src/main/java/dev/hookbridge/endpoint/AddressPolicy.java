package dev.hookbridge.endpoint;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard: which resolved addresses an endpoint may reach. Unless private networks are
 * allowed, every special-purpose range an outside receiver cannot be on is refused (loopback,
 * private, link-local, carrier-grade NAT, benchmarking, documentation, multicast, reserved, …),
 * except hosts or CIDR ranges listed as allowed. IPv6 forms that carry an IPv4 address (mapped,
 * IPv4-compatible, NAT64, 6to4) are judged by that IPv4 address. A refusal names the rule, never
 * the address: it would tell whoever configures an endpoint what an internal name resolves to.
 */
public final class AddressPolicy {

    /** Refused ranges, each with the rule a refusal names. */
    private static final List<Rule> REFUSED = List.of(
            rule("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
            rule("10.0.0.0/8", "private network (RFC 1918)"),
            rule("100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)"),
            rule("127.0.0.0/8", "loopback"),
            rule("169.254.0.0/16", "link-local"),
            rule("172.16.0.0/12", "private network (RFC 1918)"),
            rule("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"),
            rule("192.0.2.0/24", "documentation (TEST-NET)"),
            rule("192.88.99.0/24", "6to4 relay anycast (192.88.99.0/24)"),
            rule("192.168.0.0/16", "private network (RFC 1918)"),
            rule("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
            rule("198.51.100.0/24", "documentation (TEST-NET)"),
            rule("203.0.113.0/24", "documentation (TEST-NET)"),
            rule("224.0.0.0/4", "multicast"),
            rule("240.0.0.0/4", "reserved (240.0.0.0/4, broadcast)"),
            rule("::/128", "unspecified"),
            rule("::1/128", "loopback"),
            rule("100::/64", "discard-only (100::/64)"),
            rule("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
            rule("2001::/32", "Teredo (2001::/32)"),
            rule("2001:db8::/32", "documentation (2001:db8::/32)"),
            rule("fc00::/7", "unique-local (fc00::/7)"),
            rule("fe80::/10", "link-local"),
            rule("fec0::/10", "site-local (deprecated, fec0::/10)"),
            rule("ff00::/8", "multicast"));

    private final boolean allowPrivateNetworks;
    private final List<String> allowedHosts;
    private final List<Cidr> allowedRanges;

    /**
     * {@code allowed}: hosts and CIDR ranges let through although private networks are refused
     * ({@code hookbridge.delivery.allowed-hosts} for the shop's endpoints,
     * {@code hookbridge.delivery.customer-allowed-hosts} for customers' endpoints).
     */
    public AddressPolicy(boolean allowPrivateNetworks, List<String> allowed) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowed.stream().filter(a -> !a.contains("/")).map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.allowedRanges = allowed.stream().filter(a -> a.contains("/")).map(Cidr::parse).toList();
    }

    /** Whether connecting to {@code address} (resolved from {@code host}) is allowed. */
    public boolean allows(String host, InetAddress address) {
        return refusal(host, address).isEmpty();
    }

    /** The rule that refuses connecting to {@code address} (resolved from {@code host}), if one does. */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowPrivateNetworks || allowedHosts.contains(host.toLowerCase(Locale.ROOT))
                || allowedRanges.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        return refusedBy(address);
    }

    /** The rule an address falls under, judging an IPv4 address carried in an IPv6 form by itself. */
    static Optional<String> refusedBy(InetAddress address) {
        Optional<String> own = REFUSED.stream().filter(r -> r.range.contains(address)).map(Rule::name).findFirst();
        if (own.isPresent()) {
            return own;
        }
        return embeddedIpv4(address).flatMap(v4 -> refusedBy(v4).map(rule -> rule + ", carried in an IPv6 address"));
    }

    /**
     * The IPv4 address in an IPv6 form that carries one: IPv4-compatible ({@code ::a.b.c.d}), NAT64
     * ({@code 64:ff9b::/96}, last 32 bits) and 6to4 ({@code 2002::/16}, bits 16–47). The JDK already
     * turns IPv4-mapped ({@code ::ffff:a.b.c.d}) into IPv4.
     */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int from;
        if (IPV4_COMPATIBLE.contains(address) || NAT64.contains(address)) {
            from = 12;
        } else if (SIX_TO_FOUR.contains(address)) {
            from = 2;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private record Rule(Cidr range, String name) {
    }

    private static Rule rule(String cidr, String name) {
        return new Rule(Cidr.parse(cidr), name);
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
