package org.recourse.shared;

import java.util.regex.Pattern;

/**
 * Checks on free text that people type into names and reasons: a length in code points and no markup or
 * control characters, so a name can never carry a script into a page, an export or a log line.
 */
public final class PlainText {

    private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>\\p{Cntrl}&&[^\\t]]|&#|javascript:",
            Pattern.CASE_INSENSITIVE);

    private PlainText() {
    }

    public static boolean hasMarkup(String text) {
        return MARKUP_OR_CONTROL.matcher(text).find();
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
