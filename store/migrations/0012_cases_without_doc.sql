-- A case stored by the first version of intake has no document (doc is
-- '') until the store saves it as one at open (store/casebook_upgrade.go),
-- which looks for such cases at every open. This index holds only those
-- cases, so that the look-up reads an index that is empty once they are
-- upgraded, instead of every case's document.
CREATE INDEX cases_without_doc ON cases (id) WHERE doc = '';
