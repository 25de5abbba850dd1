package org.recourse.registry.web;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows by default in header names, header values and
 * parameter names — every code point assigned in Unicode and not a control character; in a header value a tab too —
 * checked by a loop instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}). The same rule: the firewall checks a header each time it is read,
 * and the expression's per-character predicates were a visible share of every API request's CPU.
 */
final class FirewallCharacters {

    private FirewallCharacters() {
    }

    /** A header or parameter name: assigned, not a control character. */
    static boolean name(String text) {
        return allowed(text, false);
    }

    /** A header value: assigned, not a control character, or a tab. */
    static boolean headerValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int point = text.codePointAt(i);
            if (point < 0x20 || point >= 0x7f) {
                int type = Character.getType(point);
                if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && point == '\t')) {
                    return false;
                }
            }
            i += Character.charCount(point);
        }
        return true;
    }
}
