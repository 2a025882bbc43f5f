package dev.hookbridge.endpoint;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false, List.of());

    @Test
    void refusesInternalAddresses() throws UnknownHostException {
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::")) {
            assertThat(strict.allows("h", InetAddress.getByName(internal))).as(internal).isFalse();
        }
    }

    @Test
    void allowsPublicAddresses() throws UnknownHostException {
        for (String external : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111")) {
            assertThat(strict.allows("h", InetAddress.getByName(external))).as(external).isTrue();
        }
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
