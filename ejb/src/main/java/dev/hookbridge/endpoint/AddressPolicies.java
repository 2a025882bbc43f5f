package dev.hookbridge.endpoint;

/**
 * The SSRF guard's two policies: the shop's own endpoints may reach the internal hosts ops allowed
 * ({@code hookbridge.delivery.allowed-hosts}); customers' endpoints, whose URLs customers choose in
 * the portal, only those allowed for customers ({@code hookbridge.delivery.customer-allowed-hosts},
 * none by default). {@code hookbridge.delivery.allow-private-networks}, a setting of dev runs and
 * tests, lets both through.
 */
public record AddressPolicies(AddressPolicy shops, AddressPolicy customers) {

    /** The policy for an endpoint of this customer (null: the shop's own). */
    public AddressPolicy forEndpointOf(String customer) {
        return customer == null ? shops : customers;
    }
}
