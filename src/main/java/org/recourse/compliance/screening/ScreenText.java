package org.recourse.compliance.screening;

/**
 * A message as the term lists see it: English in lower case, full-width letters, digits and punctuation
 * folded to ASCII, zero-width characters dropped, whitespace collapsed (and dropped between two Chinese
 * characters, so that "弄 死" still reads 弄死). Every character remembers where it came from, so findings
 * are reported as offsets into the text as given.
 */
final class ScreenText {

    private final String original;
    private final char[] chars;
    private final int[] origins;
    private final int length;

    private ScreenText(String original, char[] chars, int[] origins, int length) {
        this.original = original;
        this.chars = chars;
        this.origins = origins;
        this.length = length;
    }

    static ScreenText of(String text) {
        char[] chars = new char[text.length()];
        int[] origins = new int[text.length()];
        int length = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isWhitespace(c)) {
                int runStart = i;
                boolean newline = false;
                while (i < text.length() && isWhitespace(text.charAt(i))) {
                    newline |= text.charAt(i) == '\n' || text.charAt(i) == '\r';
                    i++;
                }
                boolean betweenHan = length > 0 && isHan(chars[length - 1]) && i < text.length()
                        && isHan(text.charAt(i));
                if (newline || !betweenHan) {
                    chars[length] = newline ? '\n' : ' ';
                    origins[length++] = runStart;
                }
                continue;
            }
            if (!isInvisible(c)) {
                chars[length] = folded(c);
                origins[length++] = i;
            }
            i++;
        }
        return new ScreenText(text, chars, origins, length);
    }

    /** The same folding for a listed term, so that terms and text meet in one form. */
    static String fold(String term) {
        ScreenText folded = of(term.strip());
        return new String(folded.chars, 0, folded.length);
    }

    String original() {
        return original;
    }

    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    char charAt(int index) {
        return chars[index];
    }

    /** The folded text, for the few patterns (placeholders, badge numbers) that are easier as expressions. */
    String folded() {
        return new String(chars, 0, length);
    }

    /** Where the folded character at {@code index} starts in the original text. */
    int originalStart(int index) {
        return origins[index];
    }

    /** Where the folded range ending (exclusive) at {@code end} ends in the original text. */
    int originalEnd(int end) {
        int last = origins[end - 1];
        // A folded character never stands for a surrogate pair, but keep a pair whole should one end a range.
        return Character.isHighSurrogate(original.charAt(last)) && last + 1 < original.length() ? last + 2 : last + 1;
    }

    /** Clause boundaries end the reach of a negation: ，。！？；,.!?; and newlines (full-width ones are folded). */
    static boolean isClauseBoundary(char c) {
        return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '。';
    }

    /** CJK unified ideographs (with extension A and the compatibility block): the text of Chinese terms. */
    static boolean isHan(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');
    }

    /** Letters and digits of folded English: a listed English term must not start or end inside a word. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(char c) {
        return c == '\u3000' || c == '\u00A0' || Character.isWhitespace(c);
    }

    /** Characters that show nothing and could split a term unseen. */
    private static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }

    private static char folded(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (c < 0x80) {
            return c;
        }
        if (c >= '\uFF01' && c <= '\uFF5E') {
            // Full-width ASCII (Ｆ, ９, ，, ！ …) has the same order as ASCII, 0xFEE0 above it.
            return folded((char) (c - 0xFEE0));
        }
        return switch (c) {
            case '\u2018', '\u2019' -> '\'';
            case '\uFF61' -> '。';
            default -> Character.toLowerCase(c);
        };
    }
}
