-- The wamp schema, version 1: the transactional outbox behind wamp.publish(...).
-- Installed by the Switchboard PostgreSQL connector (WampSchema.java) inside one transaction, under an advisory
-- lock, after CREATE SCHEMA wamp. Requires PostgreSQL 13 or later (xid8, pg_current_xact_id()).

-- Event ids: handed out at commit, in commit order (see wamp.outbox_sequence below).
CREATE SEQUENCE wamp.outbox_seq;

CREATE TABLE wamp.outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- order of wamp.publish calls
    seq        bigint UNIQUE,                                    -- commit order = the event id; NULL until commit
    xact       xid8 NOT NULL DEFAULT pg_current_xact_id(),       -- the publishing (top-level) transaction
    topic      text NOT NULL,
    args       jsonb,
    kwargs     jsonb,
    options    jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_unsequenced ON wamp.outbox (xact) WHERE seq IS NULL;

-- How far each connector has delivered (by connector id).
CREATE TABLE wamp.outbox_cursor (
    connector  text PRIMARY KEY,
    last_seq   bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Publishes a WAMP event when (and only if) the calling transaction commits. Callable from any function or
-- trigger; payloads of any size (they are rows, not NOTIFY payloads). Options: disclose_me, retain, exclude_me,
-- eligible, exclude, eligible_authid, exclude_authid, eligible_authrole, exclude_authrole.
CREATE FUNCTION wamp.publish(topic text, args jsonb DEFAULT NULL, kwargs jsonb DEFAULT NULL,
                             options jsonb DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF topic IS NULL OR topic !~ '^([^\s.#]+\.)*[^\s.#]+$' THEN
        RAISE EXCEPTION 'wamp.publish: % is not a valid topic URI', coalesce(quote_literal(topic), 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'wamp.error.invalid_uri';
    END IF;
    IF args IS NOT NULL AND jsonb_typeof(args) <> 'array' THEN
        RAISE EXCEPTION 'wamp.publish: args must be a JSON array, not %', jsonb_typeof(args)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF kwargs IS NOT NULL AND jsonb_typeof(kwargs) <> 'object' THEN
        RAISE EXCEPTION 'wamp.publish: kwargs must be a JSON object, not %', jsonb_typeof(kwargs)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF options IS NOT NULL AND jsonb_typeof(options) <> 'object' THEN
        RAISE EXCEPTION 'wamp.publish: options must be a JSON object, not %', jsonb_typeof(options)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO wamp.outbox (topic, args, kwargs, options) VALUES (topic, args, kwargs, options);
END
$$;

-- Numbers a transaction's events at commit. It runs deferred, just before COMMIT, and takes a transaction-level
-- advisory lock that is held until the commit is visible: numbers are therefore handed out in commit order, and a
-- reader that sees number n committed sees every smaller number that will ever commit (rolled-back numbers are
-- gaps that never fill). The lock is held only for the commit, not for the whole publishing transaction.
CREATE FUNCTION wamp.outbox_sequence()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- The first event of the transaction numbers them all (in publish order); later ones find theirs numbered.
    IF EXISTS (SELECT 1 FROM wamp.outbox WHERE id = NEW.id AND seq IS NULL) THEN
        PERFORM pg_advisory_xact_lock(2003133808, 1);  -- 2003133808 = 'wamp' in ASCII
        UPDATE wamp.outbox o SET seq = numbered.seq
          FROM (SELECT mine.id, nextval('wamp.outbox_seq') AS seq
                  FROM (SELECT id FROM wamp.outbox
                         WHERE xact = pg_current_xact_id() AND seq IS NULL ORDER BY id) mine) numbered
         WHERE o.id = numbered.id;
        PERFORM pg_notify('wamp_outbox', '');  -- a wake-up only, sent on commit; the rows are the truth
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER outbox_sequence AFTER INSERT ON wamp.outbox
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION wamp.outbox_sequence();

-- Tells connectors that functions may have changed (connected to DDL by an event trigger, see WampSchema.java).
CREATE FUNCTION wamp.notify_ddl()
RETURNS event_trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('wamp_ddl', tg_tag);
END
$$;

REVOKE ALL ON FUNCTION wamp.publish(text, jsonb, jsonb, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION wamp.outbox_sequence() FROM PUBLIC;
