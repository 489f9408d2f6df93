"""Stage 3, typesetting: view models to HTML to laid-out PDF pages.

``templates`` fills Jinja2 templates (sandboxed, autoescaped); ``css`` makes
and resolves the stylesheets (design tokens, page and category rules) and
reads page geometry, without importing the layout engine; ``fonts`` checks
coverage and subsets the declared fonts; ``engine`` drives WeasyPrint behind
a sandboxed URL fetcher; ``patches`` holds every use of a library's private
API, each checked against its version.
"""
