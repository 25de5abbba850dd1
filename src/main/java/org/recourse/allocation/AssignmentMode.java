package org.recourse.allocation;

/**
 * How a bulk assignment shares the chosen cases among collectors (see {@link AssignmentStore#plan}):
 * <ul>
 * <li>{@code COUNT}: an even split by number, in contiguous runs by account reference, the first collectors
 * named taking one more when it does not divide;</li>
 * <li>{@code OUTSTANDING}: the amount outstanding balanced, dealt largest first in a snake (1, 2, …, k, k, …, 1);</li>
 * <li>{@code PERCENT}: each collector's percentage of the number of cases (the percentages add up to 100);</li>
 * <li>{@code ROUND_ROBIN}: dealt one at a time by account reference, starting with the collector holding the
 * fewest open cases, so that repeated rounds keep loads level;</li>
 * <li>{@code CAPACITY}: each collector filled, in the order named, up to the maximum of open cases given for them;
 * what does not fit stays unassigned.</li>
 * </ul>
 * Any mode may keep a borrower's cases together ({@code sameBorrower}).
 */
public enum AssignmentMode { COUNT, OUTSTANDING, PERCENT, ROUND_ROBIN, CAPACITY }
