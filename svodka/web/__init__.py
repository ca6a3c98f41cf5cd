"""The web UI: Jinja2 templates (templates/), CSS (static/), and the view models that turn
read-side data into what a template loops over (highlighted text, SVG coordinates)."""
