package org.recourse.cases;

/** What a load did: accounts new to the institution, accounts changed, and accounts sent again unchanged. */
public record LoadResult(long created, long updated, long unchanged) {
}
