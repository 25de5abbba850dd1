/**
 * Content screening (COMPLIANCE.md §B.4): may this text be sent or said to this recipient on this channel?
 * Prohibited language of categories C1 to C8 from a versioned term list, missing mandatory disclosures (C9)
 * and personal data in the body (C10), answered as allow, review or block with the findings that decided.
 * Other modules use {@link org.recourse.compliance.screening.ScreeningDesk}, for instance to lint message
 * templates before they are approved.
 */
@org.springframework.modulith.NamedInterface("screening")
@org.jspecify.annotations.NullMarked
package org.recourse.compliance.screening;
