"""Serve the dashboard with its sign-in cookie routes: `streamlit run serve.py` (what `make run`
does; any `--server.*` flag works as usual) or `uvicorn serve:app`. Running dashboard.py on its
own also works, but then a sign-in lasts only as long as the browser tab."""

from streamlit.starlette import App

from wayahead.access.web import routes

app = App("dashboard.py", routes=routes())
