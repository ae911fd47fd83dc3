package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.query.web.UnknownCustomer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads one customer's profile. */
@RestController
class CustomerProfileController {

    private final QueryGateway queries;

    CustomerProfileController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/customers/{customerId}/profile")
    ResponseEntity<CustomerProfileView> profile(@PathVariable CustomerId customerId) {
        return queries.query(new FindCustomerProfile(customerId), ResponseTypes.optionalInstanceOf(CustomerProfileView.class))
                .join()
                .map(view -> ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view))
                .orElseThrow(() -> new UnknownCustomer(customerId));
    }
}
