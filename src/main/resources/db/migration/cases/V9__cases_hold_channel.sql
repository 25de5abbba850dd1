-- A borrower may ask to stop one channel only ("no more text messages"): a cease-contact hold may name the
-- channel it stops; without one it stops every channel. Other kinds of hold always stop everything.
alter table cases.hold
    add column channel text check (channel in ('VOICE', 'AI_VOICE', 'SMS', 'EMAIL', 'IM', 'LETTER', 'VISIT')),
    add constraint hold_channel_only_for_cease check (channel is null or kind = 'CEASE_CONTACT');
