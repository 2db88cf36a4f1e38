-- Advocacy: when a promoter was last asked for a reference, testimonial or case study, and the answer.
alter table account add column advocacy_asked_on date;
alter table account add column advocacy_answer varchar(20);
alter table account add column advocacy_kind varchar(20);
