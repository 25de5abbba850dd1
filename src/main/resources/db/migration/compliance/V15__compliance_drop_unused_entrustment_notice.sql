-- V10 made room for the outsourcing notice before placements existed. The notice now lives with the placement
-- it belongs to (allocation.entrustment_notice, V14), and compliance asks for it through Entrustments: this
-- table was never written, and nothing reads it any more.
drop table compliance.entrustment_notice;
