package io.dnsbroker.testing;

import io.dnsbroker.broker.BrokerFlavor;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that needs a RabbitMQ feature the embedded Qpid Broker-J lacks; {@link #value()} names
 * it. The test runs on any RabbitMQ and is skipped, with the reason printed, on the embedded broker.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RabbitMqOnly.Condition.class)
public @interface RabbitMqOnly {
    /** The RabbitMQ feature the test needs, e.g. "dead-lettering". */
    String value();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String feature = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, RabbitMqOnly.class))
                    .map(RabbitMqOnly::value)
                    .orElse(null);
            if (feature == null || TestBroker.flavor() == BrokerFlavor.RABBITMQ) {
                return ConditionEvaluationResult.enabled("the test broker is RabbitMQ");
            }
            String reason = "skipped: needs RabbitMQ (" + feature + "); the test broker is the embedded Qpid Broker-J";
            System.err.println(context.getDisplayName() + " " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
