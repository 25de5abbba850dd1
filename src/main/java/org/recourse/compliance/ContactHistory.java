package org.recourse.compliance;

import org.springframework.stereotype.Component;

/**
 * What other modules may count of the contact ledger in their own set-based statements (strategy results count the
 * contacts each champion/challenger variant used; allocation weighs agencies by their denials): no personal data.
 */
@Component
public class ContactHistory {

    /**
     * SQL selecting the institution's outbound contact attempts, its own and its agencies' (all are filed under
     * the institution): {@code account_id} (the case), {@code channel}, {@code local_day} (the borrower's day the
     * caps count in), {@code occurred_at}. Named parameter {@code institution}.
     */
    public String outboundAttemptsSql() {
        return """
                select account_id, channel, local_day, occurred_at
                  from compliance.contact_attempt
                 where institution_id = :institution and direction = 'OUTBOUND'
                """;
    }

    /**
     * SQL selecting the institution's contact points that a recorded attempt found to be a wrong number
     * ({@code contact_point_id}); the engine refuses them, so a contact plan passes them over. Named parameter
     * {@code institution}.
     */
    public String invalidPointsSql() {
        return """
                select contact_point_id from compliance.contact_point_state
                 where institution_id = :institution and invalid_since is not null
                """;
    }

    /**
     * SQL counting the compliance decisions asked for the institution's cases by each organisation acting on them
     * (the institution itself and its agencies) since a moment: {@code organisation_id, decisions, denials} (DENY
     * outcomes). Allocation weighs agencies by it. Named parameters {@code institution} and {@code since} (a
     * timestamp). Complaints are counted by {@link #complaintsByAgencySql()}.
     */
    public String decisionsByActorSql() {
        return """
                select actor_organisation_id as organisation_id, count(*) as decisions,
                       count(*) filter (where outcome = 'DENY') as denials
                  from compliance.decision
                 where institution_id = :institution and evaluated_at >= :since
                 group by actor_organisation_id
                """;
    }

    /**
     * SQL counting the complaints about the institution's cases attributed to each agency (the one holding the case
     * when it was received) since a moment: {@code organisation_id, complaints}. Allocation weighs agencies by it.
     * Named parameters {@code institution} and {@code since} (a timestamp).
     */
    public String complaintsByAgencySql() {
        return """
                select agency_id as organisation_id, count(*) as complaints
                  from compliance.complaint
                 where institution_id = :institution and received_at >= :since and agency_id is not null
                 group by agency_id
                """;
    }
}
