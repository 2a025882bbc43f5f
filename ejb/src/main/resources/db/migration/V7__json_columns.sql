-- The lists and maps of sources and endpoints become jsonb, which Hibernate maps to List and Map
-- itself. Both tables are small (configuration, not traffic); the inbox keeps its text column for
-- headers, written by the intake's own insert.
alter table source
    alter column secrets_encrypted type jsonb using secrets_encrypted::jsonb,
    alter column options drop default,
    alter column options type jsonb using options::jsonb,
    alter column options set default '{}';

alter table endpoint
    alter column event_types type jsonb using event_types::jsonb,
    alter column sources drop default,
    alter column sources type jsonb using sources::jsonb,
    alter column sources set default '[]',
    alter column headers_encrypted drop default,
    alter column headers_encrypted type jsonb using headers_encrypted::jsonb,
    alter column headers_encrypted set default '{}';
