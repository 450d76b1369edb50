-- +goose Up
-- Substring search over cases.search (already lower-cased in Go) through a
-- trigram index, kept in step by triggers. Queries shorter than three
-- characters fall back to LIKE.
CREATE VIRTUAL TABLE cases_fts USING fts5(search, content='cases', content_rowid='id', tokenize='trigram case_sensitive 1');

-- +goose StatementBegin
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts (rowid, search) VALUES (new.id, new.search);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER cases_fts_update AFTER UPDATE OF search ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO cases_fts (rowid, search) VALUES (new.id, new.search);
END;
-- +goose StatementEnd

INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER cases_fts_update;
DROP TRIGGER cases_fts_delete;
DROP TRIGGER cases_fts_insert;
DROP TABLE cases_fts;
