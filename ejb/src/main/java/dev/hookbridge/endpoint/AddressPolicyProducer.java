package dev.hookbridge.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Makes the SSRF {@link AddressPolicy} from configuration (docs/outbound.md, "SSRF guard"). */
@ApplicationScoped
public class AddressPolicyProducer {

    @Produces
    @Singleton
    AddressPolicy addressPolicy(
            @ConfigProperty(name = "hookbridge.delivery.allow-private-networks") boolean allowPrivateNetworks,
            @ConfigProperty(name = "hookbridge.delivery.allowed-hosts") Optional<String> allowedHosts) {
        List<String> allowed = allowedHosts.map(a -> Arrays.stream(a.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        return new AddressPolicy(allowPrivateNetworks, allowed);
    }
}
