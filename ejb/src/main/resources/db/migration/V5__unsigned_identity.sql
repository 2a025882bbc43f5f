-- Whether the event id and type were read from what the signature covers. GitHub's delivery id and
-- event name (and an hmac source's id or type header) are not: anyone who saw one request could post
-- its signed body again under a new id. Null for events stored before this was recorded.
alter table inbox_event add column event_id_signed   boolean;
alter table inbox_event add column event_type_signed boolean;

-- Where the id is unsigned, the body is the event's key as well: the same signed body again is a replay.
create unique index inbox_event_unsigned_id_body on inbox_event (source, body_sha256) where not event_id_signed;

-- Signature headers are no longer stored: anyone who reads one can replay the request (for ever where
-- the signature has no timestamp). Those stored before are redacted.
update inbox_event
   set headers = (select jsonb_object_agg(h.key, case when h.key = any (signature_headers.names)
                                                        then jsonb_build_array('(redacted)') else h.value end)
                    from jsonb_each(headers::jsonb) h)::text
  from (select array['stripe-signature', 'x-hub-signature-256', 'x-hub-signature', 'x-slack-signature',
                     'webhook-signature'] as names) signature_headers
 where headers::jsonb ?| signature_headers.names;

update inbox_event e
   set headers = (e.headers::jsonb || jsonb_build_object(lower(s.options::jsonb ->> 'header'),
                                                          jsonb_build_array('(redacted)')))::text
  from source s
 where s.name = e.source
   and s.scheme = 'hmac'
   and e.headers::jsonb ? lower(s.options::jsonb ->> 'header');
