"""Visit planning: the order of stops, travel time per leg, and a timed schedule with warnings.

Pure, no Streamlit. One module per concern, imported directly (this package re-exports
nothing, so that importing the light ``codec`` does not load pyproj):

- ``model``: modes, limits, the request, start/end places and notices (light);
- ``stops``: what the planner knows about a site, read from catalogue rows;
- ``travel``: ``TRAVEL_PROFILES``, ``PlannerConfig``, distances and leg times (pyproj);
- ``ordering``: the cheapest order over a cost matrix (Held-Karp, nearest neighbour + 2-opt);
- ``hours``: opening-hours rules and the conflicts of a visit;
- ``resolve``: a request's stop ids and start/end points looked up, with notices;
- ``plan``: the ``Plan`` (timed stops, legs, notices, stops left out);
- ``schedule``: ``plan_visit``, which builds the ``Plan`` from a request, split over days;
- ``codec``: the plan as URL query parameters (light);
- ``timetable``: each stop as plain text, shared by the page and the exports;
- ``view``: what the planner page shows (route layer, timetable frame, totals, choices).

Times are local to Guiyang (Asia/Shanghai).
"""
