package org.recourse.compliance.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.recourse.shared.Problem;

/** The desk as other modules call it, for templates and messages, without Spring. */
class ScreeningDeskTests {

    private final ScreeningDesk desk = new ScreeningDesk(Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC));

    @Test
    void approvesATemplateOnlyWithBothPlaceholders() {
        assertThat(desk.screenTemplate("{{institution}}提醒您：本期账单已到期，请及时处理。工号{{badge}}", "SMS",
                Recipient.BORROWER).blocked()).isFalse();
        ScreeningResult withoutBadge = desk.screenTemplate("{{institution}}提醒您：本期账单已到期，请及时处理。", "SMS",
                Recipient.BORROWER);
        assertThat(withoutBadge.blocked()).isTrue();
        assertThat(withoutBadge.findings()).extracting(ScreeningFinding::ruleId)
                .containsExactly("CONTENT.C9_BADGE_NUMBER");
    }

    @Test
    void screensAMessageAsTheApiDoes() {
        assertThat(desk.screen("不还就坐牢", "VOICE", Recipient.BORROWER).outcome()).isEqualTo(ScreeningOutcome.BLOCK);
        assertThat(desk.termsVersion()).isEqualTo("1");
    }

    @Test
    void refusesAnUnknownChannelOrTooLongTextWithAProblem() {
        assertThatThrownBy(() -> desk.screenTemplate("{{institution}}", "FAX", Recipient.BORROWER))
                .isInstanceOfSatisfying(ScreeningProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(Problem.Kind.UNPROCESSABLE);
                    assertThat(problem.fieldErrors()).containsExactly(
                            new Problem.FieldError("channel", "screening.channel_unknown"));
                });
        assertThatThrownBy(() -> desk.screen("请".repeat(2_001), "IM", Recipient.BORROWER))
                .isInstanceOfSatisfying(ScreeningProblem.class, problem -> assertThat(problem.fieldErrors())
                        .containsExactly(new Problem.FieldError("text", "too_long")));
    }

    @Test
    void countsCharactersAsPeopleDoSoAnEmojiIsOne() {
        // 2,000 emoji are 4,000 Java chars but 2,000 characters: within the SMS limit.
        assertThat(desk.screen("😀".repeat(2_000), "SMS", Recipient.THIRD_PARTY).outcome())
                .isEqualTo(ScreeningOutcome.ALLOW);
    }
}
