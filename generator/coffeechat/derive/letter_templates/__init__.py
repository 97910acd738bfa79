"""Built-in letter templates (Jinja); a journal overrides them in its letters/ folder."""
