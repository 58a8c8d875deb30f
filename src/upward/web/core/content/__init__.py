"""What every app's content shares: the registry that plugs a model into search, flags
and notifications (:mod:`.registry`), bylines and anonymity (:mod:`.identity`) and
Markdown rendering (:mod:`.rendering`)."""
