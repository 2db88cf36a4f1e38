-- Every mail a playbook step or a task notification sent, by the step's key: the record commits on
-- its own right after the send, so a retry of the step (its transaction failed after the send)
-- finds it and does not send the mail a second time.

create table mail_sent (
    mail_key   varchar(300)  primary key,
    subject    varchar(1000) not null,
    recipients varchar(2000) not null,
    sent_at    timestamp     not null
);
