package io.cxengine.journey.customer;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in a currency (ISO 4217 code), exact to the cent or finer. */
public record Money(BigDecimal amount, String currency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("Not an ISO 4217 currency code: " + currency);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
