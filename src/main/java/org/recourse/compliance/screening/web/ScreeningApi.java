package org.recourse.compliance.screening.web;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.screening.ScreeningCategory;
import org.recourse.compliance.screening.ScreeningDesk;
import org.recourse.compliance.screening.ScreeningFinding;
import org.recourse.compliance.screening.ScreeningOutcome;
import org.recourse.compliance.screening.ScreeningResult;
import org.recourse.registry.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Screening over HTTP, for any signed-in user of an active organisation: a collector's tool checks a message
 * before sending it, a compliance officer tries a wording. The answer names the category of each finding in
 * the caller's language ({@code Accept-Language}).
 */
@RestController
@RequestMapping("/api/v1/compliance/screenings")
class ScreeningApi {

    private final ScreeningDesk desk;
    private final MessageSource messages;

    ScreeningApi(ScreeningDesk desk, MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    /** Channel and recipient come as text, so that an unknown value is a field error (422), not unreadable JSON. */
    record ScreeningForm(@Nullable String text, @Nullable String channel, @Nullable String recipient) {
    }

    record FindingView(ScreeningCategory category, String categoryName, String ruleId, ScreeningOutcome severity,
            int start, int end, String term) {
    }

    record ScreeningView(ScreeningOutcome outcome, List<FindingView> findings, String termsVersion) {
    }

    @PostMapping
    ScreeningView screen(@RequestBody ScreeningForm form, @AuthenticationPrincipal SignedInUser user) {
        ScreeningResult result = desk.screenFor(user, form.text(), form.channel(), form.recipient());
        Locale locale = LocaleContextHolder.getLocale();
        return new ScreeningView(result.outcome(), result.findings().stream()
                .map(finding -> view(finding, locale))
                .toList(), result.termsVersion());
    }

    private FindingView view(ScreeningFinding finding, Locale locale) {
        String name = messages.getMessage("screening.category." + finding.category(), null,
                finding.category().name(), locale);
        return new FindingView(finding.category(), name, finding.ruleId(), finding.severity(), finding.start(),
                finding.end(), finding.term());
    }
}
