package org.recourse.allocation;

/**
 * LIVE until recalled. A live placement whose last day has passed is no longer readable by the agency, and the
 * nightly step records its recall.
 */
public enum PlacementStatus { LIVE, RECALLED }
