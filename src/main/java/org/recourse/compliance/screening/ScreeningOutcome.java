package org.recourse.compliance.screening;

/** What screening says about a text, from least to most severe; also the severity of one finding. */
public enum ScreeningOutcome {

    /** Nothing found: the text may go out. */
    ALLOW,
    /** A person must read it before it goes out. */
    REVIEW,
    /** It must not go out as written. */
    BLOCK;

    ScreeningOutcome atLeast(ScreeningOutcome other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
