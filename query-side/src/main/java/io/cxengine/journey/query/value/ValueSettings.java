package io.cxengine.journey.query.value;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * The parameters of customer value ({@code journey.value.*}).
 *
 * @param interestRate              I of the CLV formula: the interest rate per period (a year)
 * @param periods                   N of the CLV formula: the number of periods (years) of the customer life
 * @param mostValuableAnnualRevenue annual revenue from which a customer is a most valuable customer (MVC)
 * @param highProfitAnnualRevenue   annual revenue from which a customer counts as highly profitable (qualifying matrix)
 */
@ConfigurationProperties("journey.value")
public record ValueSettings(@DefaultValue("0.10") BigDecimal interestRate,
                            @DefaultValue("5") int periods,
                            @DefaultValue("2000") BigDecimal mostValuableAnnualRevenue,
                            @DefaultValue("500") BigDecimal highProfitAnnualRevenue) {

    public static final ValueSettings DEFAULTS = new ValueSettings(new BigDecimal("0.10"), 5,
            new BigDecimal("2000"), new BigDecimal("500"));
}
