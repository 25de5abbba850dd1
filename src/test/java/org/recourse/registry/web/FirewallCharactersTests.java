package org.recourse.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The firewall's characters checked by a loop allow exactly what Spring Security's default expressions allow, and the
 * filter chain uses them.
 */
@RecourseTest
class FirewallCharactersTests {

    /** Spring Security's defaults (StrictHttpFirewall, 7.0): header and parameter names, header values. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Autowired
    FilterChainProxy filterChain;

    @Autowired
    HttpFirewall firewall;

    @Test
    void everyCharacterOnItsOwnIsJudgedAsTheExpressionsJudgeIt() {
        int refused = 0;
        for (int point = 0; point <= Character.MAX_CODE_POINT; point++) {
            String text = "a" + new String(Character.toChars(point)) + "b";
            assertThat(FirewallCharacters.name(text)).as("U+%04X", point).isEqualTo(NAME.matcher(text).matches());
            assertThat(FirewallCharacters.headerValue(text)).as("U+%04X", point)
                    .isEqualTo(HEADER_VALUE.matcher(text).matches());
            refused += FirewallCharacters.name(text) ? 0 : 1;
        }
        // Controls (65) and the unassigned (hundreds of thousands) are refused; the test is not one-sided.
        assertThat(refused).isGreaterThan(100_000);
        assertThat(FirewallCharacters.headerValue("Bearer\tkey")).isTrue();
        assertThat(FirewallCharacters.name("Bearer\tkey")).isFalse();
    }

    @Test
    void mixedStringsWithSurrogatesAreJudgedAsTheExpressionsJudgeThem() {
        Random random = new Random(20261127);
        char[] pieces = {'a', 'Z', ' ', '\t', '\n', '\u007f', '\u0085', '催', '\uD83D', '\uDE00', '\uDBFF', '\uDFFF',
                '\u0378', '\uFFFF', '\u00e9'};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(8); length > 0; length--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String candidate = text.toString();
            assertThat(FirewallCharacters.name(candidate)).as(candidate).isEqualTo(NAME.matcher(candidate).matches());
            assertThat(FirewallCharacters.headerValue(candidate)).as(candidate)
                    .isEqualTo(HEADER_VALUE.matcher(candidate).matches());
        }
    }

    @Test
    void theFilterChainChecksRequestsWithThisFirewall() {
        // The bean is a composite of the chains: the proxy that runs them, built by WebSecurity, holds the firewall.
        Object built = ReflectionTestUtils.getField(filterChain, "springSecurityFilterChain");
        assertThat(ReflectionTestUtils.getField(built, "firewall")).isSameAs(firewall);
    }
}
