package io.cxengine.journey.command.audit;

import io.cxengine.journey.command.customer.CustomerCommand.ErasePersonalData;
import io.cxengine.journey.platform.personaldata.PersonalDataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out an erasure in the transaction that records its receipt ({@code PersonalDataErased}): destroys the
 * customer's key, so every personal field of their history is unreadable from then on, and removes their snapshots,
 * which hold the aggregate's state in the clear.
 */
@Component
public class PersonalDataErasure implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final PersonalDataKeys keys;
    private final JdbcClient jdbc;

    PersonalDataErasure(PersonalDataKeys keys, JdbcClient jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof ErasePersonalData erase) {
            keys.destroy(erase.customerId().value());
            jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :customer")
                    .param("customer", erase.customerId().toString())
                    .update();
        }
        return result;
    }
}
