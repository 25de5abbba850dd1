package org.recourse.compliance.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Screens one text against the term lists (C1–C8), for missing disclosures (C9) and for personal data in the
 * body (C10). Plain Java, built once from {@link ScreeningTerms} and safe to share between threads: every
 * call keeps its state on its own stack.
 */
final class ScreeningEngine {

    /**
     * How far back a negator may stand before a term, in words or Chinese characters: "我们绝不会找人收拾你"
     * (one, 会), "we do not intend to tell your employer" (two). Further away, the negation is about
     * something else.
     */
    static final int NEGATION_REACH = 4;

    private enum Kind { TERM, NEGATOR, CONSEQUENCE_MARKER, GOVERNED_VERB }

    private final String version;
    private final ScreenTermAutomaton automaton;
    private final Kind[] kinds;
    private final List<ScreeningTerms.Rule> rules;
    /** For each pattern that is a listed term, the index of its rule; -1 for the words of the negation check. */
    private final int[] ruleOf;
    private final String[] patterns;

    ScreeningEngine(ScreeningTerms terms) {
        version = terms.version();
        rules = terms.rules();
        List<String> all = new ArrayList<>();
        List<Kind> kindList = new ArrayList<>();
        List<Integer> ruleList = new ArrayList<>();
        for (int rule = 0; rule < rules.size(); rule++) {
            for (String term : rules.get(rule).terms()) {
                all.add(term);
                kindList.add(Kind.TERM);
                ruleList.add(rule);
            }
        }
        add(all, kindList, ruleList, terms.negators(), Kind.NEGATOR);
        add(all, kindList, ruleList, terms.consequenceMarkers(), Kind.CONSEQUENCE_MARKER);
        add(all, kindList, ruleList, terms.governedVerbs(), Kind.GOVERNED_VERB);
        patterns = all.toArray(String[]::new);
        kinds = kindList.toArray(Kind[]::new);
        ruleOf = ruleList.stream().mapToInt(Integer::intValue).toArray();
        automaton = ScreenTermAutomaton.of(all);
    }

    String version() {
        return version;
    }

    /** Screens a message as it will be sent; disclosures are looked for, not required (C9 asks for review). */
    ScreeningResult screen(String text, ScreenedChannel channel, Recipient recipient, LocalDate today) {
        ScreenText screened = ScreenText.of(text);
        List<ScreeningFinding> findings = listed(screened, recipient);
        ScreenPersonalData.scan(screened, recipient, today, findings);
        ScreenDisclosures.inMessage(screened, channel, recipient, findings);
        return ScreeningResult.of(leftmostLongest(findings), version);
    }

    /** Screens a template: as a message, but the disclosure placeholders are required (C9 blocks). */
    ScreeningResult screenTemplate(String text, ScreenedChannel channel, Recipient recipient, LocalDate today) {
        ScreenText screened = ScreenText.of(text);
        List<ScreeningFinding> findings = listed(screened, recipient);
        ScreenPersonalData.scan(screened, recipient, today, findings);
        ScreenDisclosures.inTemplate(screened, recipient, findings);
        return ScreeningResult.of(leftmostLongest(findings), version);
    }

    /** The listed terms found in the text, less those a negation rescues or that do not apply to the recipient. */
    private List<ScreeningFinding> listed(ScreenText text, Recipient recipient) {
        Occurrences found = new Occurrences();
        automaton.scan(text.chars(), text.length(), (pattern, end) -> {
            int start = end - patterns[pattern].length();
            if (isWholeWord(text, start, end)) {
                found.add(kinds[pattern], pattern, start, end);
            }
        });
        List<ScreeningFinding> findings = new ArrayList<>();
        for (int i = 0; i < found.termCount; i++) {
            ScreeningTerms.Rule rule = rules.get(ruleOf[found.termPatterns[i]]);
            int start = found.termStarts[i];
            int end = found.termEnds[i];
            if (rule.thirdPartyOnly() && recipient != Recipient.THIRD_PARTY
                    || rule.negatable() && negated(text, found, start)) {
                continue;
            }
            findings.add(new ScreeningFinding(rule.category(), rule.id(), rule.severity(), text.originalStart(start),
                    text.originalEnd(end), patterns[found.termPatterns[i]]));
        }
        return findings;
    }

    /**
     * Whether a negator governs the term starting at {@code termStart}: it ends at most {@link #NEGATION_REACH}
     * words or characters before the term in the same clause, no consequence marker stands between them
     * ("不还就坐牢": the 就 ends the condition), and the words between do not begin with one of the debtor's verbs
     * ("没有还钱我们会找人收拾你", "if you don't pay we will …": the negation is the debtor's, not ours).
     */
    private boolean negated(ScreenText text, Occurrences found, int termStart) {
        int units = 0;
        for (int position = termStart; position > 0; position--) {
            if (found.negatorEnds.get(position)) {
                return governs(text, found, position, termStart);
            }
            char c = text.charAt(position - 1);
            if (ScreenText.isClauseBoundary(c)) {
                return false;
            }
            boolean wordStart = ScreenText.isWordChar(c) && (position == 1 || !ScreenText.isWordChar(text.charAt(position - 2)));
            if ((ScreenText.isHan(c) || wordStart) && ++units > NEGATION_REACH) {
                return false;
            }
        }
        return false;
    }

    private static boolean governs(ScreenText text, Occurrences found, int gapStart, int gapEnd) {
        if (found.markerWithin(gapStart, gapEnd)) {
            return false;
        }
        int first = gapStart;
        while (first < gapEnd && text.charAt(first) == ' ') {
            first++;
        }
        return first == gapEnd || !found.verbStarts.get(first);
    }

    /** English terms must not start or end inside a word ("kill" is not in "skill"); Chinese has no such edge. */
    private static boolean isWholeWord(ScreenText text, int start, int end) {
        boolean startsWord = !ScreenText.isWordChar(text.charAt(start)) || start == 0
                || !ScreenText.isWordChar(text.charAt(start - 1));
        boolean endsWord = !ScreenText.isWordChar(text.charAt(end - 1)) || end == text.length()
                || !ScreenText.isWordChar(text.charAt(end));
        return startsWord && endsWord;
    }

    /**
     * One finding per place and rule, leftmost and longest first: "找人收拾你" is reported and "收拾你" inside it
     * is not; of "我是公安局的" only "我是公安" is, as "公安局的" overlaps it. Different rules are all reported.
     */
    private static List<ScreeningFinding> leftmostLongest(List<ScreeningFinding> findings) {
        List<ScreeningFinding> ordered = new ArrayList<>(findings);
        ordered.sort(Comparator.comparingInt(ScreeningFinding::start)
                .thenComparing(Comparator.comparingInt((ScreeningFinding finding) -> finding.end()).reversed()));
        Map<String, Integer> reportedUpTo = new HashMap<>();
        List<ScreeningFinding> kept = new ArrayList<>(ordered.size());
        for (ScreeningFinding finding : ordered) {
            if (finding.start() >= reportedUpTo.getOrDefault(finding.ruleId(), 0)) {
                kept.add(finding);
                reportedUpTo.put(finding.ruleId(), finding.end());
            }
        }
        return kept;
    }

    private static void add(List<String> all, List<Kind> kinds, List<Integer> rules, List<String> words, Kind kind) {
        for (String word : words) {
            all.add(word);
            kinds.add(kind);
            rules.add(-1);
        }
    }

    /** What one scan found, in flat arrays: a message has few occurrences, and none of them need objects. */
    private static final class Occurrences {

        final BitSet negatorEnds = new BitSet();
        final BitSet verbStarts = new BitSet();
        int[] termPatterns = new int[8];
        int[] termStarts = new int[8];
        int[] termEnds = new int[8];
        int termCount;
        int[] markerStarts = new int[4];
        int[] markerEnds = new int[4];
        int markerCount;

        void add(Kind kind, int pattern, int start, int end) {
            switch (kind) {
                case NEGATOR -> negatorEnds.set(end);
                case GOVERNED_VERB -> verbStarts.set(start);
                case CONSEQUENCE_MARKER -> {
                    if (markerCount == markerStarts.length) {
                        markerStarts = Arrays.copyOf(markerStarts, markerCount * 2);
                        markerEnds = Arrays.copyOf(markerEnds, markerCount * 2);
                    }
                    markerStarts[markerCount] = start;
                    markerEnds[markerCount++] = end;
                }
                case TERM -> {
                    if (termCount == termPatterns.length) {
                        termPatterns = Arrays.copyOf(termPatterns, termCount * 2);
                        termStarts = Arrays.copyOf(termStarts, termCount * 2);
                        termEnds = Arrays.copyOf(termEnds, termCount * 2);
                    }
                    termPatterns[termCount] = pattern;
                    termStarts[termCount] = start;
                    termEnds[termCount++] = end;
                }
            }
        }

        boolean markerWithin(int from, int to) {
            for (int i = 0; i < markerCount; i++) {
                if (markerStarts[i] >= from && markerEnds[i] <= to) {
                    return true;
                }
            }
            return false;
        }
    }
}
