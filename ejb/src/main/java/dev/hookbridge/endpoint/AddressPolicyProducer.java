package dev.hookbridge.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Makes the SSRF {@link AddressPolicies} from configuration (docs/outbound.md, "SSRF guard"). */
@ApplicationScoped
public class AddressPolicyProducer {

    @Produces
    @Singleton
    AddressPolicies addressPolicies(
            @ConfigProperty(name = "hookbridge.delivery.allow-private-networks") boolean allowPrivateNetworks,
            @ConfigProperty(name = "hookbridge.delivery.allowed-hosts") Optional<String> allowedHosts,
            @ConfigProperty(name = "hookbridge.delivery.customer-allowed-hosts") Optional<String> customerAllowedHosts) {
        return new AddressPolicies(new AddressPolicy(allowPrivateNetworks, list(allowedHosts)),
                new AddressPolicy(allowPrivateNetworks, list(customerAllowedHosts)));
    }

    private static List<String> list(Optional<String> commaSeparated) {
        return commaSeparated.map(a -> Arrays.stream(a.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
