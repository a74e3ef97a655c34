"""The guided importer: one project page's plain text read into a draft project (draft.py),
by a label dictionary kept as data (labels.toml) and rules for what pages write in sentences.
No network and no language model: what it cannot read, it reports as missing."""
