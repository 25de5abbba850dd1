package org.recourse.compliance.screening;

import java.util.List;
import java.util.regex.Pattern;

/**
 * C9: a collector must name the institution and identify themselves at once (CN-03), so written messages to
 * the borrower carry the institution's name and the collector's badge number (工号). A template must hold
 * both as placeholders, {@code {{institution}}} and {@code {{badge}}}, filled in when it is sent; without them
 * it cannot be approved. In a free-text message the name cannot be told from any other words, so a message
 * without evidence of either is sent for review, reported at offset 0 because it is about the whole text.
 */
final class ScreenDisclosures {

    static final String INSTITUTION = "CONTENT.C9_INSTITUTION_NAME";
    static final String BADGE = "CONTENT.C9_BADGE_NUMBER";

    // The text is folded (lower case, full-width folded) before these are applied.
    private static final Pattern INSTITUTION_PLACEHOLDER = Pattern.compile("\\{\\{ ?institution ?}}");
    private static final Pattern BADGE_PLACEHOLDER = Pattern.compile("\\{\\{ ?badge ?}}");
    /** An SMS signature such as 【某某银行】 at the start or end names the sender (工信部 rules require one). */
    private static final Pattern SIGNATURE = Pattern.compile("^ ?【[^【】\\n]{2,30}】|【[^【】\\n]{2,30}】 ?$");
    /** 工号 (or badge/staff/agent id) followed by at least three letters or digits: "工号：A1024", "badge no. 7731". */
    private static final Pattern BADGE_NUMBER = Pattern.compile(
            "(?:工号|坐席号|催收员编号|badge(?: no'?\\.?| number| #)?|staff id|agent id) ?[:#]? ?[a-z0-9][a-z0-9\\-]{2,}");

    private ScreenDisclosures() {
    }

    static void inMessage(ScreenText text, ScreenedChannel channel, Recipient recipient,
            List<ScreeningFinding> findings) {
        if (recipient != Recipient.BORROWER || !channel.written()) {
            return;
        }
        String folded = text.folded();
        if (!INSTITUTION_PLACEHOLDER.matcher(folded).find() && !SIGNATURE.matcher(folded).find()) {
            findings.add(missing(INSTITUTION, "institution", ScreeningOutcome.REVIEW));
        }
        if (!BADGE_PLACEHOLDER.matcher(folded).find() && !BADGE_NUMBER.matcher(folded).find()) {
            findings.add(missing(BADGE, "badge", ScreeningOutcome.REVIEW));
        }
    }

    /**
     * Templates to the borrower on every channel, spoken scripts too: the caller must introduce themselves as
     * much as a letter must (CN-03). A badge number typed into a template is no help, as the template is for
     * every collector.
     */
    static void inTemplate(ScreenText text, Recipient recipient, List<ScreeningFinding> findings) {
        if (recipient != Recipient.BORROWER) {
            return;
        }
        String folded = text.folded();
        if (!INSTITUTION_PLACEHOLDER.matcher(folded).find()) {
            findings.add(missing(INSTITUTION, "{{institution}}", ScreeningOutcome.BLOCK));
        }
        if (!BADGE_PLACEHOLDER.matcher(folded).find()) {
            findings.add(missing(BADGE, "{{badge}}", ScreeningOutcome.BLOCK));
        }
    }

    private static ScreeningFinding missing(String rule, String term, ScreeningOutcome severity) {
        return new ScreeningFinding(ScreeningCategory.C9, rule, severity, 0, 0, term);
    }
}
