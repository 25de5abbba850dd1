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

    /** Where the text begins once leading whitespace is skipped (its length when it is all whitespace). */
    public static int contentStart(String text) {
        int begin = 0;
        while (begin < text.length() && isWhitespace(text.charAt(begin))) {
            begin++;
        }
        return begin;
    }

    /** Where the text ends once trailing whitespace is dropped, never before {@code begin}. */
    public static int contentEnd(String text, int begin) {
        int end = text.length();
        while (end > begin && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * {@link Character#isWhitespace(char)}, answered without the JDK's Unicode tables for the characters that fill
     * nearly every cell of an intake file: printable ASCII, and everything above the ideographic space U+3000, the
     * highest whitespace character there is (PlainTextTests holds both against the JDK).
     */
    public static boolean isWhitespace(char c) {
        if ((c > ' ' && c < 0x7F) || c > '\u3000') {
            return false;
        }
        return Character.isWhitespace(c);
    }

    /**
     * {@link String#strip()}, which also returns the text itself when there is nothing to strip; that usual case is
     * answered from the two end characters alone (PERFORMANCE.md P2: every cell of every row is stripped).
     */
    public static String strip(String text) {
        int last = text.length() - 1;
        if (last < 0 || (!isWhitespace(text.charAt(0)) && !isWhitespace(text.charAt(last)))) {
            return text;
        }
        return text.strip();
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Whether {@code text} has more than {@code max} code points. A text never has more code points than chars,
     * so only a text with more chars than the limit needs counting (the intake asks this of every cell).
     */
    public static boolean isLongerThan(String text, int max) {
        return text.length() > max && length(text) > max;
    }
}
