"""The catalogue's part of the public read-only JSON API (/api/v1/): projects, organisations,
funders, programmes, themes and regions. `base` and `languages` hold what the forums' part
(forums.api) shares with it; the URLs are put together in portal/api.py."""
