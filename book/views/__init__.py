"""View models: everything the templates show, computed here.

One module per output kind. Templates receive plain objects whose fields are
ready to print: formatted dates, paired texts with their language, page
geometry for the glance grid. Shared helpers live in :mod:`book.views.common`.
"""
