package org.recourse.compliance.screening;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.OrganisationStatus;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.stereotype.Service;

/**
 * Where text is screened before it goes out (COMPLIANCE.md §B.4): messages typed by people, through the API,
 * and message templates, which other modules screen before a template can be approved. The term list is
 * loaded and checked when the application starts, so a broken list stops the start rather than a send.
 */
@Service
public class ScreeningDesk {

    static final String TERMS = "compliance/screening/terms-v1.txt";
    private static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    private final ScreeningEngine engine;
    private final Clock clock;

    ScreeningDesk(Clock clock) {
        this.engine = new ScreeningEngine(ScreeningTerms.load(TERMS));
        this.clock = clock;
    }

    /** The version of the term list in use; every result carries it too. */
    public String termsVersion() {
        return engine.version();
    }

    /**
     * Screens a message as sent by {@code user}, whose organisation must be active (sign-in already refuses
     * others; checked again because this answer is a compliance decision). Every field is checked before any
     * screening, and every wrong field is reported at once.
     */
    public ScreeningResult screenFor(SignedInUser user, @Nullable String text, @Nullable String channel,
            @Nullable String recipient) {
        if (user.organisationStatus() != OrganisationStatus.APPROVED) {
            throw ScreeningProblem.organisationInactive();
        }
        FieldChecks checks = new FieldChecks();
        Optional<ScreenedChannel> screenedChannel = channel(checks, channel);
        Optional<Recipient> screenedRecipient = recipient(checks, recipient);
        checkText(checks, text, screenedChannel);
        if (checks.hasErrors()) {
            throw ScreeningProblem.invalid(checks.errors());
        }
        return engine.screen(text, screenedChannel.orElseThrow(), screenedRecipient.orElseThrow(), today());
    }

    /** Screens a message about to be sent; the channel is one of {@link ScreenedChannel}'s names. */
    public ScreeningResult screen(String text, String channel, Recipient recipient) {
        return engine.screen(text, checked(text, channel), recipient, today());
    }

    /**
     * Screens a message template. Beyond what {@link #screen} finds, a template to the borrower must hold the
     * placeholders {@code {{institution}}} and {@code {{badge}}} (C9); a template with any blocking finding
     * cannot be approved ({@link ScreeningResult#blocked()}).
     */
    public ScreeningResult screenTemplate(String text, String channel, Recipient recipient) {
        return engine.screenTemplate(text, checked(text, channel), recipient, today());
    }

    private ScreenedChannel checked(String text, String channel) {
        FieldChecks checks = new FieldChecks();
        Optional<ScreenedChannel> screenedChannel = channel(checks, channel);
        checkText(checks, text, screenedChannel);
        if (checks.hasErrors()) {
            throw ScreeningProblem.invalid(checks.errors());
        }
        return screenedChannel.orElseThrow();
    }

    private static Optional<ScreenedChannel> channel(FieldChecks checks, @Nullable String channel) {
        if (channel == null || channel.isBlank()) {
            checks.reject("channel", "required");
            return Optional.empty();
        }
        Optional<ScreenedChannel> named = ScreenedChannel.named(channel);
        checks.check("channel", named.isPresent(), "screening.channel_unknown");
        return named;
    }

    private static Optional<Recipient> recipient(FieldChecks checks, @Nullable String recipient) {
        if (recipient == null || recipient.isBlank()) {
            checks.reject("recipient", "required");
            return Optional.empty();
        }
        Optional<Recipient> named = Arrays.stream(Recipient.values())
                .filter(value -> value.name().equals(recipient)).findFirst();
        checks.check("recipient", named.isPresent(), "screening.recipient_unknown");
        return named;
    }

    /**
     * The text is screened exactly as given, neither trimmed nor refused for markup (an e-mail may be HTML),
     * so that offsets point into it; its length counts characters as people do (code points), up to the
     * channel's limit, or the longest limit while the channel is unknown.
     */
    private static void checkText(FieldChecks checks, @Nullable String text, Optional<ScreenedChannel> channel) {
        if (text == null || text.isBlank()) {
            checks.reject("text", "required");
            return;
        }
        int max = channel.map(ScreenedChannel::maxLength).orElse(ScreenedChannel.EMAIL.maxLength());
        checks.check("text", text.codePointCount(0, text.length()) <= max, "too_long");
    }

    /** For the ID numbers' birth-date check (not in the future), on the platform's calendar. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), PLATFORM_ZONE);
    }
}
