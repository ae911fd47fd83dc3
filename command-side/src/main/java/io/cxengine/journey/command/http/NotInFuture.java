package io.cxengine.journey.command.http;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;

/**
 * A time something happened: it may lie in the past (late-logged letters, faxes, calls), not in the future beyond the
 * allowed clock skew.
 */
@Documented
@Constraint(validatedBy = NotInFuture.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface NotInFuture {

    String message() default "must not be in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotInFuture, Instant> {

        private final Clock clock;
        private final ApiSettings settings;

        Validator(Clock clock, ApiSettings settings) {
            this.clock = clock;
            this.settings = settings;
        }

        @Override
        public boolean isValid(Instant occurredAt, ConstraintValidatorContext context) {
            return occurredAt == null || !occurredAt.isAfter(clock.instant().plus(settings.clockSkew()));
        }
    }
}
