package org.recourse.compliance.screening;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An Aho–Corasick automaton over every listed term: one pass over a message finds all occurrences of all
 * terms, overlapping ones included, in time linear in the message (PERFORMANCE.md: screening runs on every
 * message, so no expression per term). Chinese needs no word segmentation here: the automaton works on
 * characters.
 */
final class ScreenTermAutomaton {

    /** Receives each occurrence: which pattern, and where it ends (exclusive) in the scanned characters. */
    @FunctionalInterface
    interface Hits {
        void found(int pattern, int end);
    }

    private static final int[] NONE = new int[0];

    /** Transitions out of the root, by character: the root is where most characters of a message lead. */
    private final int[] fromRoot = new int[Character.MAX_VALUE + 1];
    /** Transitions out of other states in an open-addressing table keyed by state and character. */
    private final long[] keys;
    private final int[] targets;
    private final int mask;
    private final int[] failure;
    /** The patterns that end in each state, including those ending in its failure chain. */
    private final int[][] outputs;

    private ScreenTermAutomaton(List<Map<Character, Integer>> children, int[] failure, int[][] outputs) {
        this.failure = failure;
        this.outputs = outputs;
        int transitions = children.stream().skip(1).mapToInt(Map::size).sum();
        int capacity = Integer.highestOneBit(Math.max(4, transitions * 2 - 1)) << 1;
        keys = new long[capacity];
        targets = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, -1L);
        children.get(0).forEach((c, target) -> fromRoot[c] = target);
        for (int state = 1; state < children.size(); state++) {
            for (Map.Entry<Character, Integer> edge : children.get(state).entrySet()) {
                long key = key(state, edge.getKey());
                int slot = slot(key);
                while (keys[slot] != -1L) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                targets[slot] = edge.getValue();
            }
        }
    }

    /** Builds the automaton; pattern {@code i} is reported as {@code i}. Patterns must not be empty. */
    static ScreenTermAutomaton of(List<String> patterns) {
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> ending = new ArrayList<>();
        children.add(new HashMap<>());
        ending.add(new ArrayList<>());
        for (int pattern = 0; pattern < patterns.size(); pattern++) {
            String text = patterns.get(pattern);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("Pattern " + pattern + " is empty");
            }
            int state = 0;
            for (int i = 0; i < text.length(); i++) {
                Integer next = children.get(state).get(text.charAt(i));
                if (next == null) {
                    next = children.size();
                    children.add(new HashMap<>());
                    ending.add(new ArrayList<>());
                    children.get(state).put(text.charAt(i), next);
                }
                state = next;
            }
            ending.get(state).add(pattern);
        }
        int[] failure = new int[children.size()];
        int[][] outputs = new int[children.size()][];
        outputs[0] = NONE;
        // Breadth first, so a state's failure target (always shallower) is complete before the state.
        Queue<Integer> queue = new ArrayDeque<>(children.get(0).values());
        children.get(0).values().forEach(state -> outputs[state] = toArray(ending.get(state)));
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (Map.Entry<Character, Integer> edge : children.get(state).entrySet()) {
                int target = edge.getValue();
                int fallback = failure[state];
                while (fallback != 0 && !children.get(fallback).containsKey(edge.getKey())) {
                    fallback = failure[fallback];
                }
                Integer via = children.get(fallback).get(edge.getKey());
                failure[target] = via == null || via == target ? 0 : via;
                List<Integer> found = new ArrayList<>(ending.get(target));
                for (int inherited : outputs[failure[target]]) {
                    found.add(inherited);
                }
                outputs[target] = toArray(found);
                queue.add(target);
            }
        }
        return new ScreenTermAutomaton(children, failure, outputs);
    }

    void scan(char[] text, int length, Hits hits) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            int next = next(state, c);
            while (next == 0 && state != 0) {
                state = failure[state];
                next = next(state, c);
            }
            state = next;
            for (int pattern : outputs[state]) {
                hits.found(pattern, i + 1);
            }
        }
    }

    /** The state after {@code c}, or 0 (the root) when there is no such edge. */
    private int next(int state, char c) {
        if (state == 0) {
            return fromRoot[c];
        }
        long key = key(state, c);
        for (int slot = slot(key); keys[slot] != -1L; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return targets[slot];
            }
        }
        return 0;
    }

    private static long key(int state, char c) {
        return ((long) state << 16) | c;
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private static int[] toArray(List<Integer> values) {
        return values.isEmpty() ? NONE : values.stream().mapToInt(Integer::intValue).toArray();
    }
}
