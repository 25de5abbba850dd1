package org.recourse.compliance.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The Aho–Corasick automaton finds exactly what a naive search for every pattern at every position finds. */
class ScreenTermAutomatonTests {

    @Test
    void findsOverlappingAndNestedPatterns() {
        ScreenTermAutomaton automaton = ScreenTermAutomaton.of(List.of("he", "she", "his", "hers"));

        assertThat(found(automaton, "ushers")).containsExactly("1@4", "0@4", "3@6");
    }

    @Test
    void findsChineseWithoutWordSegmentation() {
        ScreenTermAutomaton automaton = ScreenTermAutomaton.of(List.of("坐牢", "不还就坐牢", "收拾你", "找人收拾你"));

        assertThat(found(automaton, "不还就坐牢，找人收拾你")).containsExactly("1@5", "0@5", "3@11", "2@11");
    }

    @Test
    void agreesWithANaiveSearchOnRandomText() {
        Random random = new Random(20261125);
        String alphabet = "ab坐牢c";
        for (int round = 0; round < 200; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                patterns.add(randomText(random, alphabet, 1 + random.nextInt(4)));
            }
            String text = randomText(random, alphabet, random.nextInt(60));
            ScreenTermAutomaton automaton = ScreenTermAutomaton.of(patterns);

            assertThat(found(automaton, text)).as("%s in %s", patterns, text)
                    .containsExactlyInAnyOrderElementsOf(naive(patterns, text));
        }
    }

    private static List<String> found(ScreenTermAutomaton automaton, String text) {
        List<String> found = new ArrayList<>();
        automaton.scan(text.toCharArray(), text.length(), (pattern, end) -> found.add(pattern + "@" + end));
        return found;
    }

    private static List<String> naive(List<String> patterns, String text) {
        List<String> found = new ArrayList<>();
        for (int pattern = 0; pattern < patterns.size(); pattern++) {
            for (int at = text.indexOf(patterns.get(pattern)); at >= 0; at = text.indexOf(patterns.get(pattern), at + 1)) {
                found.add(pattern + "@" + (at + patterns.get(pattern).length()));
            }
        }
        return found;
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
