package org.recourse.strategy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.screening.Recipient;
import org.recourse.compliance.screening.ScreenedChannel;
import org.recourse.compliance.screening.ScreeningDesk;
import org.recourse.compliance.screening.ScreeningResult;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An institution's message templates: its administrator adds one, which is screened (compliance.screening) and
 * approved unless screening blocks it; its people read them. Strategy steps that send SMS, e-mail or letters name
 * one. A template is never changed; a better text is a new template.
 */
@Service
public class TemplateDesk {

    private static final int MAX_NAME = 100;

    private final TemplateStore store;
    private final ScreeningDesk screening;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TemplateDesk(TemplateStore store, ScreeningDesk screening, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.screening = screening;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Screens the template as a message to the borrower on its channel and stores it approved; a blocking finding
     * refuses it (422 {@code template.blocked} with the findings), a finding for review is kept with it.
     */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public MessageTemplate add(SignedInUser admin, NewTemplate request) {
        FieldChecks checks = new FieldChecks();
        String name = checks.text("name", request.name(), 1, MAX_NAME);
        Optional<TemplateChannel> channel = Optional.empty();
        if (request.channel() == null || request.channel().isBlank()) {
            checks.reject("channel", "required");
        } else {
            channel = TemplateChannel.named(request.channel());
            checks.check("channel", channel.isPresent(), "template.channel_unknown");
        }
        String recipient = request.recipient() == null || request.recipient().isBlank()
                ? Recipient.BORROWER.name() : request.recipient();
        checks.check("recipient", Recipient.BORROWER.name().equals(recipient), "template.recipient_unknown");
        String text = request.text();
        if (text == null || text.isBlank()) {
            checks.reject("text", "required");
        } else {
            int max = channel.map(known -> ScreenedChannel.valueOf(known.name()).maxLength())
                    .orElse(ScreenedChannel.EMAIL.maxLength());
            checks.check("text", text.codePointCount(0, text.length()) <= max, "too_long");
        }
        if (checks.hasErrors()) {
            throw StrategyProblem.templateRefused(checks.errors());
        }
        ScreeningResult result = screening.screenTemplate(text, channel.orElseThrow().name(), Recipient.BORROWER);
        if (result.blocked()) {
            throw StrategyProblem.templateBlocked(result);
        }
        Instant now = clock.instant();
        MessageTemplate template = new MessageTemplate(UUID.randomUUID(), name, channel.orElseThrow(),
                Recipient.BORROWER.name(), text, result.outcome().name(), result.findings(), result.termsVersion(), now);
        if (!store.insert(admin.organisationId(), template, admin.userId())) {
            throw StrategyProblem.templateNameTaken();
        }
        events.publishEvent(new StrategyEvent.TemplateApproved(admin.organisationId(), template.id(), name,
                template.channel(), template.screeningOutcome(), template.termsVersion(), admin.actor()));
        return template;
    }

    /** The institution's templates, by name. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
    public List<MessageTemplate> list(SignedInUser user, @Nullable TemplateChannel channel) {
        return store.list(user.organisationId()).stream()
                .filter(template -> channel == null || template.channel() == channel).toList();
    }
}
