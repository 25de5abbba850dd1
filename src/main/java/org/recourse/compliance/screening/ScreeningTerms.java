package org.recourse.compliance.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The versioned term lists behind screening, kept as data (CONVENTIONS C8) in
 * {@code compliance/screening/terms-v1.txt} and checked as a whole when loaded: a list that does not
 * validate stops the application from starting rather than screening with half a list. The file format is
 * described at the top of the file itself.
 */
final class ScreeningTerms {

    /** The rules whose findings come from code, not from a list: C9 and C10 (and C11, decided elsewhere). */
    private static final Set<ScreeningCategory> NOT_LISTED =
            Set.of(ScreeningCategory.C9, ScreeningCategory.C10, ScreeningCategory.C11);
    private static final Pattern VERSION = Pattern.compile("version ([0-9A-Za-z.\\-]{1,40})");
    private static final Pattern RULE = Pattern.compile("\\[rule (CONTENT\\.(C\\d{1,2})_[A-Z0-9_]+) (BLOCK|REVIEW)((?: [a-z\\-]+)*)]");
    private static final Pattern WORD_LIST = Pattern.compile("\\[(negators|consequence-markers|governed-verbs)]");
    private static final int MAX_TERM = 40;

    /**
     * One rule: a stable id, its category, how severe a match is, and its terms (folded).
     *
     * @param thirdPartyOnly matches only in messages to a third party (the debt words of C5)
     * @param negatable      a negation just before a term rescues it ("我们不会上门收拾你")
     */
    record Rule(String id, ScreeningCategory category, ScreeningOutcome severity, boolean thirdPartyOnly,
            boolean negatable, List<String> terms) {
    }

    private final String version;
    private final List<Rule> rules;
    private final List<String> negators;
    private final List<String> consequenceMarkers;
    private final List<String> governedVerbs;

    private ScreeningTerms(String version, List<Rule> rules, List<String> negators, List<String> consequenceMarkers,
            List<String> governedVerbs) {
        this.version = version;
        this.rules = List.copyOf(rules);
        this.negators = List.copyOf(negators);
        this.consequenceMarkers = List.copyOf(consequenceMarkers);
        this.governedVerbs = List.copyOf(governedVerbs);
    }

    static ScreeningTerms load(String classpathResource) {
        try (InputStream in = ScreeningTerms.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("Screening terms not found: " + classpathResource);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), classpathResource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScreeningTerms parse(Reader source, String name) {
        Parser parser = new Parser(name);
        try (BufferedReader lines = new BufferedReader(source)) {
            String line;
            while ((line = lines.readLine()) != null) {
                parser.line(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parser.finish();
    }

    String version() {
        return version;
    }

    List<Rule> rules() {
        return rules;
    }

    List<String> negators() {
        return negators;
    }

    /** Words (就, 否则, then …) after which a preceding negation no longer reaches the term: "不还就坐牢". */
    List<String> consequenceMarkers() {
        return consequenceMarkers;
    }

    /** The debtor's verbs (还, 付, pay …) that a negation takes as its object instead of the term: "没有还钱…". */
    List<String> governedVerbs() {
        return governedVerbs;
    }

    /** Reads the file line by line, keeping the line number for the message when something is wrong. */
    private static final class Parser {

        private final String name;
        private int lineNumber;
        private @Nullable String version;
        private final Map<String, RuleBuilder> rules = new LinkedHashMap<>();
        private final Map<String, Set<String>> wordLists = new LinkedHashMap<>();
        private @Nullable Set<String> current;

        Parser(String name) {
            this.name = name;
        }

        void line(String raw) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            Matcher versionLine = VERSION.matcher(line);
            Matcher ruleLine = RULE.matcher(line);
            Matcher listLine = WORD_LIST.matcher(line);
            if (versionLine.matches()) {
                check(version == null, "a second version line");
                version = versionLine.group(1);
            } else if (ruleLine.matches()) {
                check(version != null, "a rule before the version line");
                startRule(ruleLine);
            } else if (listLine.matches()) {
                check(!wordLists.containsKey(listLine.group(1)), "a second [" + listLine.group(1) + "]");
                current = new LinkedHashSet<>();
                wordLists.put(listLine.group(1), current);
            } else {
                check(!line.startsWith("["), "an unknown section header: " + line);
                check(current != null, "terms before any [rule …] or word list");
                for (String term : line.split(",")) {
                    addTerm(term);
                }
            }
        }

        private void startRule(Matcher ruleLine) {
            String id = ruleLine.group(1);
            ScreeningCategory category = ScreeningCategory.valueOf(ruleLine.group(2));
            check(!NOT_LISTED.contains(category), id + ": " + category + " is not screened from a term list");
            check(!rules.containsKey(id), "a second rule " + id);
            Set<String> flags = new LinkedHashSet<>(List.of(ruleLine.group(4).strip().split(" ")));
            flags.remove("");
            check(Set.of("third-party-only", "not-negatable").containsAll(flags), id + ": unknown flags " + flags);
            RuleBuilder rule = new RuleBuilder(id, category, ScreeningOutcome.valueOf(ruleLine.group(3)),
                    flags.contains("third-party-only"), !flags.contains("not-negatable"));
            rules.put(id, rule);
            current = rule.terms;
        }

        private void addTerm(String raw) {
            String term = ScreenText.fold(raw);
            check(!term.isEmpty(), "an empty term (two commas, or a comma at the end)");
            check(term.length() <= MAX_TERM, "a term longer than " + MAX_TERM + " characters: " + term);
            for (int i = 0; i < term.length(); i++) {
                // A term spanning a clause boundary would be two phrases, and the comma separates terms anyway.
                check(!ScreenText.isClauseBoundary(term.charAt(i)), "a term with a clause boundary: " + term);
            }
            check(current != null && current.add(term), "a term listed twice in one list: " + term);
        }

        ScreeningTerms finish() {
            check(version != null, "no version line");
            check(!rules.isEmpty(), "no rules");
            for (String list : List.of("negators", "consequence-markers", "governed-verbs")) {
                check(wordLists.containsKey(list) && !wordLists.get(list).isEmpty(), "no [" + list + "] or it is empty");
            }
            List<Rule> built = new ArrayList<>();
            for (RuleBuilder rule : rules.values()) {
                check(!rule.terms.isEmpty(), rule.id + " has no terms");
                built.add(new Rule(rule.id, rule.category, rule.severity, rule.thirdPartyOnly, rule.negatable,
                        List.copyOf(rule.terms)));
            }
            return new ScreeningTerms(version, built, List.copyOf(wordLists.get("negators")),
                    List.copyOf(wordLists.get("consequence-markers")), List.copyOf(wordLists.get("governed-verbs")));
        }

        private void check(boolean condition, String problem) {
            if (!condition) {
                throw new IllegalStateException("Screening terms " + name + ", line " + lineNumber + ": " + problem);
            }
        }
    }

    private static final class RuleBuilder {

        final String id;
        final ScreeningCategory category;
        final ScreeningOutcome severity;
        final boolean thirdPartyOnly;
        final boolean negatable;
        final Set<String> terms = new LinkedHashSet<>();

        RuleBuilder(String id, ScreeningCategory category, ScreeningOutcome severity, boolean thirdPartyOnly,
                boolean negatable) {
            this.id = id;
            this.category = category;
            this.severity = severity;
            this.thirdPartyOnly = thirdPartyOnly;
            this.negatable = negatable;
        }
    }
}
