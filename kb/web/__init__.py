"""The web side of kb: what server.py needs to read requests and render answers.

    params.py      query parameters -> library requests, checked against the API description
    openapi.py     the OpenAPI description of the JSON API, as Python data
    templating.py  the Jinja2 templates and the filters they use
    charts.py      the events chart, as inline SVG
    exports.py     the Atom feed of a search
"""
