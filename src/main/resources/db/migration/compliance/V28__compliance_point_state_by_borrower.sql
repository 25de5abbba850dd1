-- What attempts taught about a contact point, kept by borrower too: a decision reads every state of the borrower's
-- points in the batch that takes the borrower's lock, before the case's contacts are decrypted (which phones are the
-- borrower's is known only after). A point's id is a keyed hash that includes its borrower, so a point belongs to
-- exactly one borrower; each state was learnt from an attempt on that point, which names the borrower.
alter table compliance.contact_point_state add column borrower_id uuid;

update compliance.contact_point_state s
   set borrower_id = a.borrower_id
  from (select distinct on (institution_id, contact_point_id) institution_id, contact_point_id, borrower_id
          from compliance.contact_attempt
         order by institution_id, contact_point_id, occurred_at) a
 where a.institution_id = s.institution_id and a.contact_point_id = s.contact_point_id;

alter table compliance.contact_point_state alter column borrower_id set not null;

create index contact_point_state_borrower_idx on compliance.contact_point_state (institution_id, borrower_id);
