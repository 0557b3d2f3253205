"""The app's own HTTP routes, beside Streamlit's: setting and clearing the sign-in cookie.

A Streamlit script cannot send Set-Cookie, so after a sign-in the script sends the browser here
with a one-time grant (wayahead.access.auth.start_session); this route exchanges it for the session
token and sets it as a cookie the page's JavaScript cannot read (HttpOnly), sent only from this
site (SameSite=Strict), only over https when the app is served over https (Secure), and living
as long as the idle time-out. Streamlit reads it back from the websocket's handshake
(st.context.cookies), so a reload, a bookmark, a new tab or another app process on the same
database all find the same session. serve.py mounts these routes.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from wayahead.access.auth import IDLE_LIMIT, end_session, redeem_grant, resume_session
from wayahead.store.engine import get_engine

COOKIE = "wayahead_session"
SESSION_PATH = "/wayahead/session"
SIGN_OUT_PATH = "/wayahead/sign-out"
REFRESH_PATH = "/wayahead/session/refresh"
mounted = False  # True once routes() has run in this process: the app may rely on the cookie


def safe_next(target: str | None) -> str:
    """`target` if it is a path on this site, else "/" (no open redirect to another site)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(c) < 32 or c == "\\" for c in target):
        return "/"
    return target


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _set_cookie(response: Response, token: str, request: Request) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(IDLE_LIMIT.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_https(request),
    )


def _same_origin(request: Request) -> bool:
    """The request comes from one of this app's own pages (browsers send Sec-Fetch-Site)."""
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


async def open_session(request: Request) -> Response:
    """Exchange ?grant= for the session cookie, then go on to ?next= (a page of this app)."""
    if not _same_origin(request):
        return _no_store(PlainTextResponse("Sign in from the dashboard's own Sign in page.", status_code=403))
    token = await run_in_threadpool(redeem_grant, get_engine(), request.query_params.get("grant", ""))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    if token is not None:
        _set_cookie(response, token, request)
    return _no_store(response)


async def refresh_session(request: Request) -> Response:
    """While the session is live, give its cookie the full idle time-out again (a page calls
    this now and then while someone is using it, so the cookie expires with the session)."""
    token = request.cookies.get(COOKIE)
    if not token or not _same_origin(request):
        return _no_store(Response(status_code=403))
    found = await run_in_threadpool(resume_session, get_engine(), token)
    if found.email is None:
        return _no_store(Response(status_code=403))
    response = Response(status_code=204)
    _set_cookie(response, token, request)
    return _no_store(response)


async def close_session(request: Request) -> Response:
    """End the session named by the cookie (on every process: it is in the database), clear it."""
    if token := request.cookies.get(COOKIE):
        await run_in_threadpool(end_session, get_engine(), token)
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_https(request))
    return _no_store(response)


def routes() -> list[Route]:
    """The cookie routes, for st.App(routes=...)."""
    global mounted
    mounted = True
    return [
        Route(SESSION_PATH, open_session, methods=["GET"]),
        Route(REFRESH_PATH, refresh_session, methods=["POST"]),
        Route(SIGN_OUT_PATH, close_session, methods=["GET"]),
    ]
