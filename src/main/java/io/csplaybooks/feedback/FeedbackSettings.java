package io.csplaybooks.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long engineering and product have to answer a customer's feedback. */
@ConfigurationProperties("csp.feedback")
public record FeedbackSettings(int triageBusinessDays) {}
