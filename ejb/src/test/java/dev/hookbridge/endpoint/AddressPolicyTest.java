package dev.hookbridge.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false, List.of());

    /** Every refused range, by an address inside it, with the rule the refusal names. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "0.1.2.3         | 'this network'",
            "10.1.2.3        | private network",
            "100.64.0.1      | carrier-grade NAT",
            "100.127.255.254 | carrier-grade NAT",
            "127.0.0.1       | loopback",
            "169.254.169.254 | link-local",
            "172.16.0.1      | private network",
            "172.31.255.255  | private network",
            "192.0.0.8       | IETF protocol assignments",
            "192.0.2.1       | documentation",
            "192.88.99.1     | 6to4 relay anycast",
            "192.168.1.1     | private network",
            "198.18.0.1      | benchmarking",
            "198.19.255.255  | benchmarking",
            "198.51.100.7    | documentation",
            "203.0.113.9     | documentation",
            "224.0.0.1       | multicast",
            "239.255.255.250 | multicast",
            "240.0.0.1       | reserved",
            "255.255.255.255 | reserved",
            "::              | unspecified",
            "::1             | loopback",
            "100::1          | discard-only",
            "64:ff9b:1::1    | local-use NAT64",
            "2001::1         | Teredo",
            "2001:db8::1     | documentation",
            "fd00::1         | unique-local",
            "fc00::1         | unique-local",
            "fe80::1         | link-local",
            "fec0::1         | site-local",
            "ff02::1         | multicast",
            // IPv6 forms that carry an IPv4 address are judged by it.
            "::ffff:127.0.0.1      | loopback",
            "::127.0.0.1           | loopback, carried in an IPv6 address",
            "::10.0.0.1            | private network (RFC 1918), carried in an IPv6 address",
            "64:ff9b::a9fe:a9fe    | link-local, carried in an IPv6 address",
            "64:ff9b::7f00:1       | loopback, carried in an IPv6 address",
            "2002:7f00:1::         | loopback, carried in an IPv6 address",
            "2002:c0a8:101::1      | private network (RFC 1918), carried in an IPv6 address",
            "2002:c612:1::         | benchmarking (198.18.0.0/15), carried in an IPv6 address",
    })
    void refusesEachSpecialPurposeRangeNamingItsRule(String address, String rule) throws UnknownHostException {
        InetAddress resolved = InetAddress.getByName(address);
        assertThat(strict.allows("h", resolved)).as(address).isFalse();
        assertThat(strict.refusal("h", resolved)).as(address).hasValueSatisfying(r -> assertThat(r).contains(rule));
    }

    @Test
    void allowsPublicAddressesAlsoInIpv6FormsThatCarryThem() throws UnknownHostException {
        for (String external : List.of("93.184.216.34", "8.8.8.8", "100.128.0.1", "198.20.0.1", "2606:4700:4700::1111",
                "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8")) {
            assertThat(strict.allows("h", InetAddress.getByName(external))).as(external).isTrue();
        }
    }

    @Test
    void aRefusalNeverNamesTheAddress() throws UnknownHostException {
        assertThat(strict.refusal("h", InetAddress.getByName("10.11.12.13"))).hasValueSatisfying(rule ->
                assertThat(rule).doesNotContain("10.11.12.13"));
    }

    @Test
    void allowedHostsAndRangesOpenTheGuardForThemOnly() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(false, List.of("receiver.internal", "10.20.0.0/16"));
        assertThat(policy.allows("receiver.internal", InetAddress.getByName("10.9.9.9"))).isTrue();
        assertThat(policy.allows("other", InetAddress.getByName("10.20.5.5"))).isTrue();
        assertThat(policy.allows("other", InetAddress.getByName("10.21.5.5"))).isFalse();
    }

    @Test
    void allowingPrivateNetworksAllowsEverything() throws UnknownHostException {
        assertThat(new AddressPolicy(true, List.of()).allows("h", InetAddress.getByName("127.0.0.1"))).isTrue();
    }
}
