"""Stage 2, the views: everything the templates show, computed here.

A module per output's view (``book``, ``glance``, ``day_sheet``,
``room_sign``), built from the event model. Templates receive plain,
immutable objects whose fields are ready to print: formatted dates, paired
texts with their language, the glance grid's cells in per cent. Shared
pieces: ``common`` (language runs, session summaries), ``i18n`` (dates,
times and interface labels from CLDR and templates/labels.yaml) and
``korean`` (line breaking between Korean words).
"""
